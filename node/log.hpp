// Log: the node's leveled log lines on stderr ("2026-11-26T03:00:00.123Z INFO  [p2p] message").
//
// Contract: one process-wide threshold (set_log_level) read atomically; log() formats and
// writes one whole line under a mutex, so lines of different threads never interleave. Levels
// parse from "error", "warn", "info", "debug". Cheap when a level is off (check log_enabled
// before building an expensive message).
// Thread safety: every function may be called from any thread.
#pragma once

#include <optional>
#include <string_view>

namespace grid::node {

enum class LogLevel : int { error = 0, warn = 1, info = 2, debug = 3 };

void set_log_level(LogLevel level);
LogLevel log_level();
bool log_enabled(LogLevel level);
std::optional<LogLevel> parse_log_level(std::string_view text);
void log(LogLevel level, std::string_view component, std::string_view message);

inline void log_error(std::string_view c, std::string_view m) {
  log(LogLevel::error, c, m);
}
inline void log_warn(std::string_view c, std::string_view m) {
  log(LogLevel::warn, c, m);
}
inline void log_info(std::string_view c, std::string_view m) {
  log(LogLevel::info, c, m);
}
inline void log_debug(std::string_view c, std::string_view m) {
  if (log_enabled(LogLevel::debug)) log(LogLevel::debug, c, m);
}

}  // namespace grid::node
