#include "cli/fix_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace voicelint::cli {

std::string WriteAtomically(const std::string& path, std::string_view content) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return std::string("cannot stat: ") + std::strerror(errno);
    // A new file gets the permissions open(2) would give it: 0666 less the umask.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    st.st_mode = 0666 & ~mask;
  }
  std::string tmp = path + ".voicelint-XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  std::string error;
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::string("write failed: ") + std::strerror(errno);
      break;
    }
    written += static_cast<size_t>(n);
  }
  if (error.empty() && ::fchmod(fd, st.st_mode & 07777) != 0) {
    error = std::string("cannot keep permissions: ") + std::strerror(errno);
  }
  if (error.empty() && ::fsync(fd) != 0)
    error = std::string("fsync failed: ") + std::strerror(errno);
  if (::close(fd) != 0 && error.empty())
    error = std::string("close failed: ") + std::strerror(errno);
  if (error.empty() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    error = std::string("cannot replace the file: ") + std::strerror(errno);
  }
  if (!error.empty()) ::unlink(tmp.c_str());
  return error;
}

namespace {

// Byte offsets where each line starts, plus one past the end.
std::vector<size_t> LineStarts(std::string_view text) {
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  if (starts.back() != text.size()) starts.push_back(text.size());
  return starts;
}

size_t LineOfOffset(const std::vector<size_t>& starts, size_t offset) {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<size_t>(it - starts.begin()) - 1;  // 0-based
}

void AppendLines(std::string_view block, char mark, std::string* out) {
  size_t pos = 0;
  while (pos < block.size()) {
    size_t end = block.find('\n', pos);
    const bool last = end == std::string_view::npos;
    if (last) end = block.size();
    *out += mark;
    out->append(block.substr(pos, end - pos));
    *out += '\n';
    if (last) *out += "\\ No newline at end of file\n";
    pos = end + 1;
  }
}

}  // namespace

std::string FixDiff(const std::string& path, std::string_view text,
                    const std::vector<Finding>& findings, Applicability minimum) {
  constexpr size_t kContext = 3;
  std::vector<const Edit*> fixes;
  size_t cursor_end = 0;
  for (const Finding& f : findings) {
    if (!f.fix || f.applicability < minimum || f.fix->span.begin < cursor_end) continue;
    if (text.substr(f.fix->span.begin, f.fix->span.size()) == f.fix->replacement) continue;
    fixes.push_back(&*f.fix);
    cursor_end = f.fix->span.end;
  }
  if (fixes.empty()) return {};
  const std::vector<size_t> starts = LineStarts(text);
  const size_t line_count = starts.size() - 1;
  std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
  long shift = 0;  // new line numbers minus old ones, before the current hunk
  for (size_t i = 0; i < fixes.size();) {
    // A hunk: fixes whose changed lines lie within 2 * context of each other.
    size_t first = LineOfOffset(starts, fixes[i]->span.begin);
    size_t last = LineOfOffset(starts, std::max(fixes[i]->span.end, fixes[i]->span.begin + 1) - 1);
    size_t j = i + 1;
    while (j < fixes.size() &&
           LineOfOffset(starts, fixes[j]->span.begin) <= last + 2 * kContext + 1) {
      last = std::max(
          last, LineOfOffset(starts, std::max(fixes[j]->span.end, fixes[j]->span.begin + 1) - 1));
      ++j;
    }
    const size_t from = first >= kContext ? first - kContext : 0;
    const size_t to = std::min(line_count, last + kContext + 1);  // exclusive
    const size_t changed_begin = starts[first];
    const size_t changed_end = starts[last + 1];
    std::string before(text.substr(changed_begin, changed_end - changed_begin));
    std::string after;
    size_t cursor = changed_begin;
    for (size_t k = i; k < j; ++k) {
      after.append(text.substr(cursor, fixes[k]->span.begin - cursor));
      after.append(fixes[k]->replacement);
      cursor = fixes[k]->span.end;
    }
    after.append(text.substr(cursor, changed_end - cursor));
    const auto count_lines = [](std::string_view s) {
      return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')) +
             (!s.empty() && s.back() != '\n' ? 1 : 0);
    };
    const size_t old_lines = to - from;
    const size_t new_lines = old_lines - count_lines(before) + count_lines(after);
    out += "@@ -" + std::to_string(from + 1) + "," + std::to_string(old_lines) + " +" +
           std::to_string(static_cast<long>(from + 1) + shift) + "," + std::to_string(new_lines) +
           " @@\n";
    AppendLines(text.substr(starts[from], changed_begin - starts[from]), ' ', &out);
    AppendLines(before, '-', &out);
    AppendLines(after, '+', &out);
    AppendLines(text.substr(changed_end, starts[to] - changed_end), ' ', &out);
    shift += static_cast<long>(new_lines) - static_cast<long>(old_lines);
    i = j;
  }
  return out;
}

}  // namespace voicelint::cli
