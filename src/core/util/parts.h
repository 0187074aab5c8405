// Work split into parts, shared out between threads as they come.
//
//   RunParts(4, 2, [&](size_t part, size_t worker) { Normalize(part, scratch[worker]); });
//
// The calling thread and up to threads - 1 threads of a crew kept for the
// life of the process each take the next part nobody has taken, until none is
// left; the call returns when every part is done. A crew thread that is slow
// to wake (on a busy machine that can take milliseconds) simply takes fewer
// parts, or none: the call never waits for a thread to start, only for parts
// being worked on, and the calling thread does everything when the crew never
// gets to run. Crew threads are started by the first call that asks for them
// and never more than the most any call has asked for; they wait, idle, for
// the next call.
//
// When a part throws, the parts not yet started are skipped, and once every
// part taken has finished the first exception is thrown again to the caller.
// When no crew thread can be started the calling thread does everything.
//
// Thread-safety: any thread may call RunParts, also while other calls run
// (each call's parts are its own). work(part, worker) runs concurrently for
// different parts and never twice at once for the same worker of one call;
// `worker` is 0 on the calling thread and 1..threads - 1 on the crew.
#ifndef VOICELINT_CORE_UTIL_PARTS_H_
#define VOICELINT_CORE_UTIL_PARTS_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <type_traits>

namespace voicelint {
namespace parts_internal {

// One call's parts. Crew threads that join it share it and may outlive the
// call: they reach `call` and `context` only through a part they took, and a
// part taken is one the call still waits for.
struct Task {
  void (*call)(void* context, size_t part, size_t worker) = nullptr;
  void* context = nullptr;
  size_t parts = 0;
  size_t max_helpers = 0;          // crew threads that may join
  std::atomic<size_t> next{0};     // the next part to take
  std::atomic<size_t> helpers{0};  // crew threads that tried to join
  std::atomic<size_t> done{0};     // parts finished (or skipped after a failure)
  std::atomic<bool> failed{false};
  std::exception_ptr error;  // the first part's exception; read once `done` is full

  // Takes parts until none is left. A part that throws is counted done and
  // its exception kept for the caller; the parts after it are skipped.
  void Take(size_t worker) {
    for (size_t part = next.fetch_add(1); part < parts; part = next.fetch_add(1)) {
      if (!failed.load()) {
        try {
          call(context, part, worker);
        } catch (...) {
          if (!failed.exchange(true)) error = std::current_exception();
        }
      }
      if (done.fetch_add(1) + 1 == parts) done.notify_all();
    }
  }
};

// Offers `task` to the crew, starting crew threads up to its max_helpers.
void Offer(const std::shared_ptr<Task>& task);

}  // namespace parts_internal

template <typename Work>
void RunParts(size_t parts, size_t threads, Work&& work) {
  if (parts == 0) return;
  auto task = std::make_shared<parts_internal::Task>();
  task->call = [](void* context, size_t part, size_t worker) {
    (*static_cast<std::remove_reference_t<Work>*>(context))(part, worker);
  };
  task->context = &work;
  task->parts = parts;
  task->max_helpers = threads > 1 ? std::min(threads, parts) - 1 : 0;
  if (task->max_helpers > 0) parts_internal::Offer(task);
  task->Take(0);
  // Every part is done before the call returns, also when one threw: the
  // crew never runs `work` after it is gone.
  for (size_t done = task->done.load(); done < parts; done = task->done.load()) {
    task->done.wait(done);
  }
  if (task->error) std::rethrow_exception(task->error);
}

}  // namespace voicelint

#endif  // VOICELINT_CORE_UTIL_PARTS_H_
