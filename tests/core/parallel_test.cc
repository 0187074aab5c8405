#include "cli/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/util/parts.h"

namespace voicelint::cli {
namespace {

// Results arrive in index order however long each item takes, every item is
// produced once, and both workers take part.
TEST(OrderedParallel, ConsumesInOrderWhateverTheTiming) {
  std::mt19937 random(5);
  std::vector<int> delays(300);
  for (int& d : delays) d = static_cast<int>(random() % 200);
  std::vector<size_t> order;
  std::atomic<int> produced{0};
  std::mutex seen_mutex;
  std::set<size_t> workers_seen;
  OrderedParallel(
      delays.size(), 2,
      [&](size_t i, size_t worker) {
        std::this_thread::sleep_for(std::chrono::microseconds(delays[i]));
        ++produced;
        std::lock_guard lock(seen_mutex);
        workers_seen.insert(worker);
        return std::to_string(i);
      },
      [&](size_t i, std::string&& r) {
        EXPECT_EQ(r, std::to_string(i));
        order.push_back(i);
      },
      8);
  ASSERT_EQ(order.size(), delays.size());
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
  EXPECT_EQ(produced.load(), 300);
  EXPECT_EQ(workers_seen.size(), 2u);
}

// No more than `window` results are ever produced ahead of the consumer.
TEST(OrderedParallel, KeepsAtMostAWindowAhead) {
  std::atomic<size_t> consumed{0};
  std::atomic<size_t> max_ahead{0};
  OrderedParallel(
      200, 2,
      [&](size_t i, size_t) {
        const size_t ahead = i - consumed.load();
        size_t seen = max_ahead.load();
        while (ahead > seen && !max_ahead.compare_exchange_weak(seen, ahead)) {
        }
        return i;
      },
      [&](size_t, size_t&&) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        ++consumed;
      },
      4);
  EXPECT_LT(max_ahead.load(), 4u + 1);
}

TEST(OrderedParallel, OneThreadRunsOnTheCallingThread) {
  const auto caller = std::this_thread::get_id();
  size_t count = 0;
  OrderedParallel(
      5, 1,
      [&](size_t i, size_t worker) {
        EXPECT_EQ(std::this_thread::get_id(), caller);
        EXPECT_EQ(worker, 0u);
        return i;
      },
      [&](size_t i, size_t&& r) {
        EXPECT_EQ(i, r);
        ++count;
      });
  EXPECT_EQ(count, 5u);
}

}  // namespace
}  // namespace voicelint::cli

namespace voicelint {
namespace {

// Every part is done once, on a worker in range; a worker never runs two
// parts at once; with one thread everything runs on the calling thread.
TEST(RunParts, DoesEveryPartOnceOnSomeWorker) {
  for (const size_t threads : {1, 2, 3}) {
    for (const size_t parts : {1, 2, 5, 40}) {
      std::vector<std::atomic<int>> done(parts);
      std::vector<std::atomic<int>> busy(threads);
      std::atomic<bool> overlapped{false};
      const auto caller = std::this_thread::get_id();
      std::atomic<bool> elsewhere{false};
      RunParts(parts, threads, [&](size_t part, size_t worker) {
        ASSERT_LT(worker, threads);
        if (busy[worker].fetch_add(1) != 0) overlapped = true;
        if (std::this_thread::get_id() != caller) elsewhere = true;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        done[part].fetch_add(1);
        busy[worker].fetch_sub(1);
      });
      for (size_t k = 0; k < parts; ++k) EXPECT_EQ(done[k].load(), 1) << parts << "/" << threads;
      EXPECT_FALSE(overlapped.load());
      if (threads == 1) {
        EXPECT_FALSE(elsewhere.load());
      }
    }
  }
}

// A part that throws: RunParts throws the exception again once the parts
// taken have finished, and skips the parts not yet started.
TEST(RunParts, ThrowsAPartsExceptionAfterThePartsTaken) {
  for (const size_t threads : {1, 2}) {
    std::atomic<int> finished{0};
    EXPECT_THROW(RunParts(50, threads,
                          [&](size_t part, size_t) {
                            if (part == 3) throw std::runtime_error("part 3");
                            std::this_thread::sleep_for(std::chrono::microseconds(100));
                            finished.fetch_add(1);
                          }),
                 std::runtime_error);
    const int seen = finished.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(finished.load(), seen) << "a part ran after RunParts returned";
    EXPECT_LT(seen, 49) << "parts after the failure were not skipped";
  }
}

// A helper held up in its part leaves the rest to the calling thread, which
// does not wait for it to take them: the helper holds its part until the
// caller has done all five others.
TEST(RunParts, CallingThreadTakesWhatABusyHelperLeaves) {
  std::atomic<int> on_caller{0};
  RunParts(6, 2, [&](size_t, size_t worker) {
    if (worker == 0) {
      on_caller.fetch_add(1);
      return;
    }
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (on_caller.load() < 5 && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  // 5 when the helper got a part, 6 when it started after all were taken.
  EXPECT_GE(on_caller.load(), 5);
}

}  // namespace
}  // namespace voicelint
