// The message loop: a reader thread frames stdin, collector threads read the workspace, and one
// loop owns the server state, so no state is shared between threads but the event queue.
#include "scanner/lsp/stdio.h"

#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <variant>

#include "scanner/lsp/framing.h"

namespace dbsilo::lsp {
namespace {

struct InputClosed {};
struct Collected {
  std::filesystem::path root;
  unsigned generation = 0;
  CollectedFacts facts;
  std::string error;  // set when the collection threw
};
using Event = std::variant<Frame, Collected, InputClosed>;

class EventQueue {
 public:
  void push(Event event) {
    {
      std::lock_guard lock(mutex_);
      events_.push_back(std::move(event));
    }
    ready_.notify_one();
  }
  // Waits for at least one event and takes every event queued, so a burst of edits costs one analysis.
  std::deque<Event> take_all() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !events_.empty(); });
    return std::exchange(events_, {});
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Event> events_;
};

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

int run_stdio_server(const ServerOptions& options, int input_fd, int output_fd) {
  // A client that goes away must end the loop through a failed write, not kill us with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  // Shared with detached threads that may outlive this function.
  const auto queue = std::make_shared<EventQueue>();

  bool output_failed = false;
  const MessageSink send = [output_fd, &output_failed](const nlohmann::json& message) {
    // Invalid UTF-8 from a file is replaced rather than thrown on: the message must still go out.
    const std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!output_failed && !write_all(output_fd, frame_message(body))) output_failed = true;
  };
  const CollectRequest collect = [queue](const ScanOptions& scan_options, unsigned generation) {
    std::thread([queue, scan_options, generation] {
      Collected collected{scan_options.root, generation, {}, {}};
      try {
        collected.facts = collect_facts(scan_options);
      } catch (const std::exception& error) {
        collected.error = error.what();
      }
      queue->push(std::move(collected));
    }).detach();
  };
  Server server(options, send, collect);

  std::thread([queue, input_fd] {
    FrameReader reader;
    char buffer[1 << 16];
    while (true) {
      const ssize_t count = ::read(input_fd, buffer, sizeof buffer);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) break;
      for (auto& frame : reader.feed(std::string_view(buffer, static_cast<std::size_t>(count)))) queue->push(std::move(frame));
    }
    queue->push(InputClosed{});
  }).detach();

  bool input_closed = false;
  while (!input_closed) {
    for (auto& event : queue->take_all()) {
      if (auto* frame = std::get_if<Frame>(&event)) {
        if (frame->error.empty()) {
          server.handle_body(frame->body);
        } else {
          server.framing_error(frame->error);
        }
      } else if (auto* collected = std::get_if<Collected>(&event)) {
        if (collected->error.empty()) {
          server.facts_collected(collected->root, collected->generation, std::move(collected->facts));
        } else {
          server.collection_failed(collected->root, collected->generation, collected->error);
        }
      } else {
        input_closed = true;
      }
      if (server.exited()) return server.exit_code();
    }
    server.publish_pending();
    if (output_failed) return 1;
  }
  return server.exited() ? server.exit_code() : 1;
}

}  // namespace dbsilo::lsp
