// What the board's audio tests share: the PCM that SDL's disk driver wrote,
// finding an exact clip in it, and environment variables set for one scope.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "chime.hpp"

namespace antre::display::test {

inline double rms(Pcm::const_iterator first, Pcm::const_iterator last) {
    if (first == last) return 0;
    double sum = 0;
    for (auto it = first; it != last; ++it) sum += static_cast<double>(*it) * *it;
    return std::sqrt(sum / static_cast<double>(last - first));
}

// Sign changes in a stretch of samples: 2 per period of the main tone.
inline int zero_crossings(const Pcm& pcm, std::size_t first, std::size_t last) {
    int n = 0;
    for (std::size_t i = first + 1; i < last; ++i) n += (pcm[i - 1] < 0) != (pcm[i] < 0) ? 1 : 0;
    return n;
}

inline Pcm read_pcm(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Pcm pcm(bytes.size() / 2);
    std::memcpy(pcm.data(), bytes.data(), pcm.size() * 2);
    return pcm;
}

// Where `clip` starts in `pcm`, searching from `from`: at the first sound after
// `from`, less the clip's own leading zeros; npos when it is not there exactly.
inline std::size_t find_clip(const Pcm& pcm, const Pcm& clip, std::size_t from) {
    const auto lead =
        static_cast<std::size_t>(std::find_if(clip.begin(), clip.end(), [](auto s) { return s != 0; }) - clip.begin());
    const auto sound = std::find_if(pcm.begin() + static_cast<long>(from), pcm.end(), [](auto s) { return s != 0; });
    const auto at = static_cast<std::size_t>(sound - pcm.begin());
    if (sound == pcm.end() || at < lead || at - lead + clip.size() > pcm.size()) return std::string::npos;
    const std::size_t start = at - lead;
    return std::equal(clip.begin(), clip.end(), pcm.begin() + static_cast<long>(start)) ? start : std::string::npos;
}

// Where the sound that goes on at `from` stops: the start of the first run of
// at least `quiet_run` zero samples.
inline std::size_t sound_end(const Pcm& pcm, std::size_t from, std::size_t quiet_run) {
    std::size_t zeros = 0;
    for (std::size_t i = from; i < pcm.size(); ++i) {
        zeros = pcm[i] == 0 ? zeros + 1 : 0;
        if (zeros >= quiet_run) return i + 1 - zeros;
    }
    return pcm.size() - zeros;
}

// Sets an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() { old_.empty() ? ::unsetenv(name_) : ::setenv(name_, old_.c_str(), 1); }

private:
    const char* name_;
    std::string old_;
};

}  // namespace antre::display::test
