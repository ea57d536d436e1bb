#include "tools/agent/agent_log.hpp"

#include <unistd.h>

#include <ctime>
#include <mutex>
#include <string>

namespace grid::tools {

void agent_log(std::string_view text) {
  static std::mutex mu;
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::string line = std::string(stamp) + " gridagent: " + std::string(text) + "\n";
  std::lock_guard lock(mu);
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace grid::tools
