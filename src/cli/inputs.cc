#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli/cli.h"

namespace voicelint::cli {
namespace fs = std::filesystem;

namespace {

bool IsCheckedExtension(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".txt" || ext == ".md" || ext == ".markdown" ||
         StructuredFormatOf(path.string()).has_value();
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

}  // namespace

void PrintDiagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    std::string text = d.ToString();
    // "file:line:col: error: message", clang style.
    const std::string head = d.Headline();
    const size_t message_at = head.size() - d.message.size();
    text.insert(message_at, "error: ");
    if (d.file.empty() && d.line == 0) text = "voicelint: " + text;
    std::cerr << text << "\n";
  }
}

bool UseColor(const CommonOptions& options, bool is_stdout) {
  if (options.no_color || options.color == "never") return false;
  if (options.color == "always") return true;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return isatty(is_stdout ? STDOUT_FILENO : STDERR_FILENO) != 0;
}

bool CollectInputs(const std::vector<std::string>& paths, const CommonOptions& options,
                   std::vector<Input>* out) {
  bool ok = true;
  for (const std::string& path : paths) {
    if (path == "-") {
      out->push_back(
          {"-", options.stdin_filename.empty() ? "-" : options.stdin_filename, true, true});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      std::cerr << "voicelint: error: " << path << ": no such file or folder\n";
      ok = false;
      continue;
    }
    if (!fs::is_directory(status)) {
      out->push_back(
          {path, path, false, true});  // named explicitly: checked whatever its extension
      continue;
    }
    std::vector<std::string> found;
    auto it =
        fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (IsHidden(it->path()) || it->path().filename() == "node_modules") {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && IsCheckedExtension(it->path())) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      std::cerr << "voicelint: error: " << path << ": " << ec.message() << "\n";
      ok = false;
    }
    std::sort(found.begin(), found.end());
    for (std::string& f : found) out->push_back({f, f, false, false});
  }
  return ok;
}

std::string ReadInput(const Input& input, const CommonOptions& options, FileReport* report) {
  std::string text;
  if (input.is_stdin) {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (std::cin.bad()) report->error = "cannot read standard input";
  } else {
    std::error_code ec;
    const auto size = fs::file_size(input.path, ec);
    if (!ec && size > options.max_filesize) {
      report->skipped = "file of " + std::to_string(size) +
                        " bytes is larger than --max-filesize (" +
                        std::to_string(options.max_filesize) + ")";
      return {};
    }
    Expected<std::string> read = ReadFile(input.path);
    if (!read) {
      report->error = read.errors().front().message;
      return {};
    }
    text = std::move(*read);
  }
  if (text.size() > options.max_filesize) {
    report->skipped = "input is larger than --max-filesize";
    return {};
  }
  // A NUL byte in the first 8 KiB marks a binary file, as git and ripgrep decide.
  if (std::memchr(text.data(), 0, std::min<size_t>(text.size(), 8192)) != nullptr) {
    report->skipped = "binary file";
    return {};
  }
  return text;
}

bool GlobMatches(std::string_view glob, std::string_view path) {
  if (glob.find('/') == std::string_view::npos) {
    const size_t slash = path.rfind('/');
    if (slash != std::string_view::npos) path = path.substr(slash + 1);
  }
  if (glob.starts_with("./")) glob.remove_prefix(2);
  if (path.starts_with("./")) path.remove_prefix(2);
  // Backtracking over the last star, as fnmatch does, with ** also crossing '/'.
  size_t g = 0, p = 0;
  size_t star_g = std::string_view::npos, star_p = 0;
  bool star_crosses = false;
  while (p < path.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star_crosses = g + 1 < glob.size() && glob[g + 1] == '*';
      g += star_crosses ? 2 : 1;
      if (star_crosses && g < glob.size() && glob[g] == '/') ++g;  // "**/" also matches nothing
      star_g = g;
      star_p = p;
      continue;
    }
    if (g < glob.size() && (glob[g] == path[p] || (glob[g] == '?' && path[p] != '/'))) {
      ++g;
      ++p;
      continue;
    }
    if (star_g != std::string_view::npos && (star_crosses || path[star_p] != '/')) {
      g = star_g;
      p = ++star_p;
      continue;
    }
    return false;
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

InputKind KindOf(const Input& input, const CommonOptions& options) {
  if (options.input_type == "markdown") return InputKind::kMarkdown;
  if (options.input_type == "text") return InputKind::kText;
  const std::string ext = fs::path(input.display).extension().string();
  return (ext == ".md" || ext == ".markdown") ? InputKind::kMarkdown : InputKind::kText;
}

}  // namespace voicelint::cli
