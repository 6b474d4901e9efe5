// `antre report|ikm|sheet|ranking --hub tcp://HOST:PORT`: the same figures read from
// antre-hub as a reader (docs/hub.md "Figures at the hub"), printed as the office's are.
#pragma once

#include "cli_options.hpp"

namespace antre::cli {

/// Runs a figures command against the hub named by --hub; the exit status.
int hub_figures(const Cli& cli);

}  // namespace antre::cli
