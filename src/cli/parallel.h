// Work on many inputs or records with every core, results in input order.
//
// The check loop hands out files (or the records of one large file) to a few
// worker threads; what they produce is consumed on the calling thread strictly
// in index order, so output is byte for byte the same as a single-threaded
// run whatever the timing. At most `window` results wait to be consumed, which
// bounds the memory held by finished but not yet printed files.
//
//   OrderedParallel(files.size(), Threads(0),
//                   [&](size_t i, size_t worker) { return CheckFile(files[i], worker); },
//                   [&](size_t i, CheckedFile&& r) { printer->File(r.report); });
//
// Thread-safety: `produce` runs on worker threads (give each worker its own
// scratch, indexed by `worker`); `consume` runs on the calling thread only.
#ifndef VOICELINT_CLI_PARALLEL_H_
#define VOICELINT_CLI_PARALLEL_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace voicelint::cli {

// `requested` threads, or one per core when 0; at least one.
inline size_t Threads(size_t requested) {
  if (requested > 0) return requested;
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

// Calls produce(i, worker) for every i in [0, count) on `threads` workers and
// consume(i, result) on this thread in order of i. With one thread (or one
// item) everything runs on this thread, with no thread started.
template <typename Produce, typename Consume>
void OrderedParallel(size_t count, size_t threads, Produce&& produce, Consume&& consume,
                     size_t window = 0) {
  using Result = decltype(produce(size_t{0}, size_t{0}));
  threads = std::min(threads, count);
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) consume(i, produce(i, 0));
    return;
  }
  if (window == 0) window = 4 * threads;
  std::vector<std::optional<Result>> slots(window);
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0;      // the next index to hand out
  size_t consumed = 0;  // indexes below this one are consumed
  auto work = [&](size_t worker) {
    while (true) {
      size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return next >= count || next < consumed + window; });
        if (next >= count) return;
        i = next++;
      }
      Result result = produce(i, worker);
      {
        std::lock_guard lock(mutex);
        slots[i % window].emplace(std::move(result));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (size_t w = 0; w < threads; ++w) workers.emplace_back(work, w);
  for (size_t i = 0; i < count; ++i) {
    std::optional<Result> result;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return slots[i % window].has_value(); });
      result = std::move(slots[i % window]);
      slots[i % window].reset();
    }
    consume(i, std::move(*result));
    {
      std::lock_guard lock(mutex);
      consumed = i + 1;
    }
    changed.notify_all();
  }
  for (std::thread& t : workers) t.join();
}

}  // namespace voicelint::cli

#endif  // VOICELINT_CLI_PARALLEL_H_
