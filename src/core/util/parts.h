// Work split into parts, shared out between threads as they come.
//
//   RunParts(4, 2, [&](size_t part, size_t worker) { Normalize(part, scratch[worker]); });
//
// The calling thread and up to threads - 1 others each take the next part
// nobody has taken, until none is left. A thread that starts late (on a busy
// machine starting one can take milliseconds) simply takes fewer parts, so
// the call never waits on it for longer than the part it is doing; the
// calling thread does everything when the others never get to run.
//
// Thread-safety: work(part, worker) runs concurrently for different parts,
// never for the same worker twice at once; `worker` is 0 on the calling
// thread and 1..threads - 1 on the others.
#ifndef VOICELINT_CORE_UTIL_PARTS_H_
#define VOICELINT_CORE_UTIL_PARTS_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace voicelint {

template <typename Work>
void RunParts(size_t parts, size_t threads, Work&& work) {
  std::atomic<size_t> next{0};
  auto take = [&](size_t worker) {
    for (size_t part = next.fetch_add(1); part < parts; part = next.fetch_add(1)) {
      work(part, worker);
    }
  };
  std::vector<std::jthread> helpers;  // joined on the way out, whatever happens
  const size_t count = std::min(threads, parts);
  if (count > 1) helpers.reserve(count - 1);
  for (size_t worker = 1; worker < count; ++worker) helpers.emplace_back(take, worker);
  take(0);
}

}  // namespace voicelint

#endif  // VOICELINT_CORE_UTIL_PARTS_H_
