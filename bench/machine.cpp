#include "machine.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/resource.h>
#include <sys/utsname.h>

namespace antre::bench {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// The value after "key:" on the first line of a /proc file that starts with `key`.
std::string proc_field(const std::string& file, const std::string& key) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) != 0) continue;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        return value;
    }
    return "";
}

/// The mount (device, type, mount point) with the longest mount point that holds `path`.
json mount_of(const fs::path& path) {
    std::ifstream in("/proc/mounts");
    std::string device, point, type, rest;
    json best = {{"device", "?"}, {"fs", "?"}, {"mount", ""}};
    const std::string p = path.string();
    while (in >> device >> point >> type && std::getline(in, rest)) {
        const bool holds = p == point || point == "/" || p.rfind(point + "/", 0) == 0;
        if (holds && point.size() >= best["mount"].get<std::string>().size())
            best = {{"device", device}, {"fs", type}, {"mount", point}};
    }
    return best;
}

}  // namespace

json describe_machine(const std::string& dir) {
    utsname u{};
    ::uname(&u);
    const std::string cpu = proc_field("/proc/cpuinfo", "model name");
    const unsigned cores = std::thread::hardware_concurrency();
    const std::string mem = proc_field("/proc/meminfo", "MemTotal");
    std::error_code ec;
    const auto where = fs::weakly_canonical(fs::absolute(dir), ec);  // it need not exist yet
    json disk = mount_of(where);
    disk["dir"] = where.string();
    std::ostringstream summary;
    summary << (cpu.empty() ? "unknown CPU" : cpu) << ", " << cores << " cores, " << mem << " RAM, Linux " << u.release
            << "; " << where.string() << " on " << disk["device"].get<std::string>() << " ("
            << disk["fs"].get<std::string>() << ")";
    return {{"cpu", cpu},          {"cores", cores}, {"memory", mem},
            {"kernel", u.release}, {"disk", disk},   {"summary", summary.str()}};
}

long long cpu_ticks(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    std::getline(in, text);
    // The command name (field 2) may hold spaces: count fields after its ')'.
    const auto close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) utime = std::stoll(field);
        if (i == 15) stime = std::stoll(field);
    }
    return utime + stime;
}

std::optional<std::size_t> resident_bytes(int pid) {
    const std::string kb = proc_field("/proc/" + std::to_string(pid) + "/status", "VmRSS");
    if (kb.empty()) return std::nullopt;
    return std::stoull(kb) * 1024;  // "12345 kB"
}

std::size_t raise_open_file_limit() {
    rlimit r{};
    ::getrlimit(RLIMIT_NOFILE, &r);
    if (r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &r);
        ::getrlimit(RLIMIT_NOFILE, &r);
    }
    return static_cast<std::size_t>(r.rlim_cur);
}

}  // namespace antre::bench
