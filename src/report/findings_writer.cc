#include "report/findings_writer.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace voicelint {
namespace {

// Findings per batch: their positions are kept, and each half's text is
// flushed, before the next batch starts (a few megabytes at most).
constexpr size_t kBatch = 4096;
// Below this many findings one thread does it all.
constexpr size_t kParallelMinimum = 2048;

// A second thread that makes one range of findings at a time.
class Helper {
 public:
  explicit Helper(std::function<void(size_t, size_t, std::string*)> make)
      : make_(std::move(make)), thread_([this] { Loop(); }) {}

  ~Helper() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
  }

  void Start(size_t from, size_t to) {
    {
      std::lock_guard lock(mutex_);
      job_ = std::pair(from, to);
      done_ = false;
    }
    changed_.notify_all();
  }

  // Waits for the range started last; returns what it made.
  std::string& Wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_; });
    return made_;
  }

 private:
  void Loop() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stop_ || job_.has_value(); });
      if (stop_) return;
      const auto [from, to] = *job_;
      job_.reset();
      lock.unlock();
      made_.clear();
      make_(from, to, &made_);
      lock.lock();
      done_ = true;
      changed_.notify_all();
    }
  }

  std::function<void(size_t, size_t, std::string*)> make_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<std::pair<size_t, size_t>> job_;
  bool done_ = true;
  bool stop_ = false;
  std::string made_;
  std::jthread thread_;  // last: started once everything it uses exists, joined first
};

}  // namespace

void WriteFindings(std::string_view text, std::span<const FindingRef> findings, size_t threads,
                   const MakeFinding& make, const std::function<void(std::string&)>& flush) {
  PositionIndex index(text);
  std::vector<std::pair<Position, Position>> positions;
  size_t batch_begin = 0;  // the batch whose positions are in `positions`
  auto make_range = [&](size_t from, size_t to, std::string* out) {
    for (size_t k = from; k < to; ++k) {
      const auto& [begin, end] = positions[k - batch_begin];
      make(findings[k], begin, end, out);
    }
  };
  std::optional<Helper> helper;
  if (threads > 1 && findings.size() >= kParallelMinimum) helper.emplace(make_range);
  std::string mine;
  for (; batch_begin < findings.size(); batch_begin += kBatch) {
    const size_t batch_end = std::min(findings.size(), batch_begin + kBatch);
    positions.clear();
    for (size_t k = batch_begin; k < batch_end; ++k) {
      const Finding& f = *findings[k].finding;
      const Position begin = index.At(f.span.begin);
      positions.emplace_back(begin, index.At(f.span.end));
    }
    const size_t mid = helper ? batch_begin + (batch_end - batch_begin) / 2 : batch_end;
    if (helper) helper->Start(mid, batch_end);
    mine.clear();
    make_range(batch_begin, mid, &mine);
    flush(mine);
    if (helper) flush(helper->Wait());
  }
}

}  // namespace voicelint
