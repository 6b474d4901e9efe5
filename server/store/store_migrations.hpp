#pragma once

#include <span>

namespace antre::store_migrations {

/// The schema's migrations in order: entry v takes a database from version v to v + 1.
/// Never edit an entry once shipped: add one.
std::span<const char* const> all();

}  // namespace antre::store_migrations
