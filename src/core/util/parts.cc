#include "core/util/parts.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <system_error>
#include <thread>

namespace voicelint::parts_internal {
namespace {

// The threads that wait for tasks. Made at first use and never destroyed: its
// threads are detached and may still be waiting when the process exits.
class Crew {
 public:
  static Crew& Get() {
    static Crew* crew = new Crew();
    return *crew;
  }

  void Offer(const std::shared_ptr<Task>& task) {
    {
      std::lock_guard lock(mutex_);
      // Threads first, so that a thread that cannot be started (a limit on
      // processes) leaves the task to fewer helpers, or to the caller alone.
      try {
        for (; started_ < task->max_helpers; ++started_) std::thread([this] { Serve(); }).detach();
      } catch (const std::system_error&) {
      }
      offered_ = task;
      ++generation_;
    }
    changed_.notify_all();
  }

 private:
  // Joins the task offered last, whenever a new one is offered, while it has
  // room for one more helper.
  void Serve() {
    uint64_t seen = 0;
    while (true) {
      std::shared_ptr<Task> task;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        task = offered_;
      }
      const size_t helper = task->helpers.fetch_add(1);
      if (helper < task->max_helpers) task->Take(helper + 1);
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<Task> offered_;  // the task offered last
  uint64_t generation_ = 0;        // tasks offered so far
  size_t started_ = 0;             // crew threads started
};

}  // namespace

void Offer(const std::shared_ptr<Task>& task) { Crew::Get().Offer(task); }

}  // namespace voicelint::parts_internal
