#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "render/batch_hand_off.h"

using namespace sitrep;

namespace {
Outputs batch(const std::string& path, std::size_t bytes = 1) { return Outputs{{path, std::string(bytes, 'x')}}; }
}  // namespace

TEST_CASE("batch hand-off: batches put on one thread reach the sink on another, in the order they were put") {
  BatchHandOff hand_off(1 << 20);
  std::jthread renderer([&] {
    for (int i = 0; i < 200; ++i) hand_off.put(batch("p" + std::to_string(i)));
    hand_off.close();
  });
  std::vector<std::string> written;
  hand_off.drain([&](Outputs&& files) {
    for (auto& f : files) written.push_back(f.path);
  });
  REQUIRE(written.size() == 200);
  for (int i = 0; i < 200; ++i) CHECK(written[static_cast<std::size_t>(i)] == "p" + std::to_string(i));
}

TEST_CASE("batch hand-off: put waits only within the cap; flush waits until every batch, a stream too, is written") {
  BatchHandOff hand_off(10);
  std::atomic<int> streamed{0};
  std::atomic<bool> flushed{false}, third_put{false};
  std::jthread renderer([&] {
    hand_off.put(batch("a", 8));
    hand_off.put(batch("b", 8));  // over the cap of 10 with "a" queued: waits for the writer
    third_put = true;
    Outputs exports(1);
    exports[0].path = "export.csv";
    exports[0].stream = [&](const TextSink& text) {
      text("row");
      ++streamed;
    };
    hand_off.put(std::move(exports));
    hand_off.put(batch("c"));  // after a stream: queued, not held back
    // The stream reads this thread's state: it has run once flush returns.
    hand_off.flush();
    CHECK(streamed == 1);
    flushed = true;
    hand_off.close();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(third_put.load());  // "b" is held back until the writer drains
  std::vector<std::string> written;
  hand_off.drain([&](Outputs&& files) {
    for (auto& f : files) {
      if (f.stream) {
        // A slow writer: flush must still be waiting for it.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        f.stream([](std::string_view) {});
      }
      written.push_back(f.path);
    }
  });
  renderer.join();
  CHECK(written == std::vector<std::string>{"a", "b", "export.csv", "c"});
  CHECK(flushed.load());
}

TEST_CASE("batch hand-off: a writer that gives up releases a renderer waiting on it") {
  BatchHandOff hand_off(4);
  std::atomic<bool> finished{false};
  std::jthread renderer([&] {
    hand_off.put(batch("a", 4));
    hand_off.put(batch("b", 4));  // waits: the cap is full and nobody drains
    hand_off.put(batch("c", 4));  // dropped at once
    hand_off.flush();             // returns: nothing will be written now
    hand_off.close();
    finished = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(finished.load());
  hand_off.abandon();
  renderer.join();
  CHECK(finished.load());
  std::vector<std::string> written;
  hand_off.drain([&](Outputs&& files) {
    for (auto& f : files) written.push_back(f.path);
  });
  CHECK(written.empty());
}
