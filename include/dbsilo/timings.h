// Wall time of a scan's phases, for `--timings` (where a slow scan spends its time). Never part
// of any report: times differ run to run, reports must not.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace dbsilo {

struct PhaseTiming {
  std::string phase;
  double milliseconds = 0;
};

// Appends one PhaseTiming per lap to `out` (when not null): lap("resolve") records the time since
// the previous lap, or since construction.
class PhaseClock {
 public:
  explicit PhaseClock(std::vector<PhaseTiming>* out, std::string prefix = {}) : out_(out), prefix_(std::move(prefix)) {}
  void lap(const std::string& phase) {
    if (!out_) return;
    const auto now = std::chrono::steady_clock::now();
    out_->push_back({prefix_ + phase, std::chrono::duration<double, std::milli>(now - last_).count()});
    last_ = now;
  }

 private:
  std::vector<PhaseTiming>* out_;
  std::string prefix_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace dbsilo
