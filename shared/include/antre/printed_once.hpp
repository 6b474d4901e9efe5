// A definition's printed form (its JSON text or object), printed again only when the
// definition changed. Most commits and most queue figures carry a service or a counter
// whose definition has not changed since the last time, and printing it is dearer than
// comparing it (docs/benchmarks.md, "Definitions printed once, fewer and direct writes
// to the boards").
#pragma once

#include <map>
#include <utility>

namespace antre {

template <class Key, class Definition, class Printed>
class PrintedOnce {
public:
    /// `print(definition)`, or the copy kept from the last call for `key` when its
    /// definition equals this one. The reference lasts until the next call.
    template <class Print>
    const Printed& get(const Key& key, const Definition& definition, Print&& print) {
        auto it = kept_.find(key);
        if (it == kept_.end() || !(it->second.first == definition))
            it = kept_.insert_or_assign(key, std::pair<Definition, Printed>(definition, print(definition))).first;
        return it->second.second;
    }

private:
    std::map<Key, std::pair<Definition, Printed>, std::less<>> kept_;
};

}  // namespace antre
