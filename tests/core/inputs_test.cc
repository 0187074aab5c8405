#include <gtest/gtest.h>

#include "core/inputs/markdown.h"
#include "core/inputs/non_prose.h"

namespace voicelint {
namespace {

std::vector<std::string> NonProse(std::string_view text) {
  std::vector<ByteRange> spans;
  FindNonProse(text, &spans);
  std::vector<std::string> out;
  for (const ByteRange& r : spans) out.emplace_back(text.substr(r.begin, r.size()));
  return out;
}

using Strings = std::vector<std::string>;

TEST(NonProse, FindsUrlsWithoutTrailingPunctuation) {
  EXPECT_EQ(NonProse("Go to https://example.com/a?b=1. Or www.example.org!"),
            (Strings{"https://example.com/a?b=1", "www.example.org"}));
}

TEST(NonProse, FindsEmailAddresses) {
  EXPECT_EQ(NonProse("Write to help.desk+vip@example.co.uk."),
            Strings{"help.desk+vip@example.co.uk"});
  EXPECT_EQ(NonProse("@mention only"), Strings{});
}

TEST(NonProse, FindsPathsButNotSlashedWords) {
  EXPECT_EQ(NonProse("Open /etc/hosts or C:\\Users\\me or src/main.cc, and/or 24/7"),
            (Strings{"/etc/hosts", "C:\\Users\\me", "src/main.cc"}));
}

TEST(NonProse, FindsTemplatePlaceholders) {
  EXPECT_EQ(NonProse("Hi {{ticket.requester.name}}, {% if x %}%s %1$d %(name)s ${who} {0} {name}"),
            (Strings{"{{ticket.requester.name}}", "{% if x %}", "%s", "%1$d", "%(name)s", "${who}",
                     "{0}", "{name}"}));
  EXPECT_EQ(NonProse("100% sure, 50%discount, {not a placeholder}"), Strings{});
}

TEST(Markdown, KeepsOnlyProse) {
  const std::string md = "# Title\n\nText `code` more.\n\n    indented code\n";
  std::vector<ByteRange> masks;
  FindMarkdownNonProse(md, {}, &masks);
  std::string prose;
  size_t cursor = 0;
  for (const ByteRange& r : masks) {
    prose += md.substr(cursor, r.begin - cursor) + "|";
    cursor = r.end;
  }
  prose += md.substr(cursor);
  EXPECT_EQ(prose, "|Title|Text | more.|");
}

TEST(Markdown, FindsFrontMatter) {
  EXPECT_EQ(FrontMatterEnd("---\na: 1\n---\nbody"), 13u);
  EXPECT_EQ(FrontMatterEnd("--- not\n"), 0u);
  EXPECT_EQ(FrontMatterEnd("---\nunterminated\n"), 0u);
}

}  // namespace
}  // namespace voicelint
