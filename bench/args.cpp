#include "args.hpp"

#include <stdexcept>

namespace antre::bench {

Args::Args(int argc, char** argv, int first, const std::set<std::string>& switches) {
    for (int i = first; i < argc; ++i) {
        const std::string word = argv[i];
        if (word.rfind("--", 0) != 0) {
            positional_.push_back(word);
            continue;
        }
        Item item{word.substr(2), "", false};
        if (!switches.count(item.name) && i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
            item.value = argv[++i];
            item.has_value = true;
        }
        items_.push_back(std::move(item));
    }
}

const Args::Item* Args::find(const std::string& name) {
    used_.insert(name);
    const Item* found = nullptr;
    for (const auto& item : items_)
        if (item.name == name) found = &item;  // the last one wins, as in most tools
    return found;
}

std::string Args::text(const std::string& name, const std::string& fallback) {
    const Item* item = find(name);
    if (!item) return fallback;
    if (!item->has_value) throw std::invalid_argument("--" + name + " needs a value");
    return item->value;
}

long long Args::integer(const std::string& name, long long fallback) {
    const std::string value = text(name, "");
    if (value.empty()) return fallback;
    std::size_t end = 0;
    long long n = 0;
    try {
        n = std::stoll(value, &end);
    } catch (const std::exception&) {
        end = 0;
    }
    if (end != value.size()) throw std::invalid_argument("--" + name + " must be a whole number, not '" + value + "'");
    return n;
}

double Args::number(const std::string& name, double fallback) {
    const std::string value = text(name, "");
    if (value.empty()) return fallback;
    std::size_t end = 0;
    double x = 0;
    try {
        x = std::stod(value, &end);
    } catch (const std::exception&) {
        end = 0;
    }
    if (end != value.size()) throw std::invalid_argument("--" + name + " must be a number, not '" + value + "'");
    return x;
}

bool Args::flag(const std::string& name) {
    const Item* item = find(name);
    if (item && item->has_value) throw std::invalid_argument("--" + name + " takes no value");
    return item != nullptr;
}

void Args::check_all_used() const {
    for (const auto& item : items_)
        if (!used_.count(item.name)) throw std::invalid_argument("unknown option --" + item.name);
}

}  // namespace antre::bench
