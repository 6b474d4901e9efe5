// The subcommands of antre-bench. Each reads its own flags, runs, and returns a
// Report that main() prints as a table or as JSON.
#pragma once

#include "args.hpp"
#include "report.hpp"
#include "target.hpp"

namespace antre::bench {

/// The flags that choose the server (own or running), shared by every mode that drives one.
TargetOptions target_options(Args& args, int counters);

/// The machine's bare limits on the disk of --dir: fdatasync latency and single-row SQLite commits.
Report run_baseline(Args& args);
/// N kiosks (or counters) issuing (or calling) as fast as the replies come.
Report run_closed(Args& args);
/// Poisson arrivals at a given rate and counters with realistic service times.
Report run_open(Args& args);
/// How long a call takes to reach each of K subscribed displays.
Report run_fanout(Args& args);
/// Thousands of subscribed, idle connections: the server's memory, and calls still arriving.
Report run_idle(Args& args);
/// A kiosk's latency alone, then while hostile connections misbehave.
Report run_hostile(Args& args);
/// Fills a database with a year of a busy office, then times the restart on it.
Report run_year(Args& args);
/// Reads the JSON of earlier runs and prints the headline figures with their ratios; returns the exit code.
int run_summary(Args& args);

}  // namespace antre::bench
