// The flags of one antre-bench subcommand: `--name value` pairs, bare `--switch`es
// and positional words, with a check that nothing was misspelt.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace antre::bench {

class Args {
public:
    /// Reads argv[first..argc): a `--name` that is not one of `switches` takes
    /// the next word as its value; a switch never does.
    Args(int argc, char** argv, int first, const std::set<std::string>& switches);

    /// The value of `--name`, or `fallback` when absent.
    std::string text(const std::string& name, const std::string& fallback);
    /// The value of `--name` as an integer; throws std::invalid_argument when it is not one.
    long long integer(const std::string& name, long long fallback);
    /// The value of `--name` as a number; throws std::invalid_argument when it is not one.
    double number(const std::string& name, double fallback);
    /// True when `--name` is present (with no value).
    bool flag(const std::string& name);
    /// The words that belong to no flag, in order.
    const std::vector<std::string>& positional() const { return positional_; }
    /// Throws std::invalid_argument naming the first flag that no one asked about.
    void check_all_used() const;

private:
    struct Item {
        std::string name;
        std::string value;
        bool has_value = false;
    };
    const Item* find(const std::string& name);

    std::vector<Item> items_;
    std::vector<std::string> positional_;
    std::set<std::string> used_;
};

}  // namespace antre::bench
