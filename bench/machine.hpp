// Facts about the machine a benchmark ran on, and the process limits and memory
// figures the benchmarks read from /proc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace antre::bench {

/// CPU, cores, memory, kernel, and the file system and device that hold `dir`.
nlohmann::json describe_machine(const std::string& dir);
/// The resident memory of process `pid` (VmRSS) in bytes, if it can be read.
std::optional<std::size_t> resident_bytes(int pid);
/// utime + stime of `pid` (all its threads) in clock ticks, or -1 when it cannot be read.
long long cpu_ticks(int pid);
/// Raises the soft limit on open files to the hard limit; returns the new soft limit.
std::size_t raise_open_file_limit();

}  // namespace antre::bench
