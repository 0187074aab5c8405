#include "core/text/cjk_dictionary.h"

#include <unicode/ucharstrie.h>
#include <unicode/udata.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>

namespace voicelint {
namespace {

// The layout of ICU's .dict files (ICU's dictionarydata.h): a header of eight
// int32 indexes, the trie at indexes[kTrieOffset], its type at indexes[kTrieType].
constexpr int kTrieOffset = 0;
constexpr int kTrieType = 4;
constexpr int kTransform = 5;
constexpr int32_t kTrieTypeMask = 7;
constexpr int32_t kTrieTypeUChars = 1;
constexpr int32_t kTrieHasValues = 8;

// CjkBreakEngine's constants: a character no word starts with costs the most
// (maxSnlp); a word is at most 20 UTF-16 units (maxWordSize).
constexpr uint32_t kUnknownCost = 255;
constexpr size_t kMaxWord = 20;

// ICU's cjdict, open for the life of the process (closed at exit).
struct DictionaryData {
  UDataMemory* memory = nullptr;
  const char16_t* trie = nullptr;

  DictionaryData() {
    UErrorCode status = U_ZERO_ERROR;
    memory = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &status);
    if (U_FAILURE(status) || memory == nullptr) return;
    const auto* indexes = static_cast<const int32_t*>(udata_getMemory(memory));
    const int32_t type = indexes[kTrieType];
    if ((type & kTrieTypeMask) != kTrieTypeUChars || (type & kTrieHasValues) == 0 ||
        indexes[kTransform] != 0) {
      return;
    }
    trie = reinterpret_cast<const char16_t*>(reinterpret_cast<const char*>(indexes) +
                                             indexes[kTrieOffset]);
  }
  ~DictionaryData() {
    if (memory != nullptr) udata_close(memory);
  }
  DictionaryData(const DictionaryData&) = delete;
  DictionaryData& operator=(const DictionaryData&) = delete;
};

}  // namespace

const CjkDictionary* CjkDictionary::Get() {
  static const DictionaryData data;
  static const CjkDictionary dictionary(data.trie);
  return data.trie == nullptr ? nullptr : &dictionary;
}

namespace {
constexpr char16_t kFirstCommonHan = 0x4E00;
constexpr size_t kCommonHanCount = 0x5200;
}  // namespace

CjkDictionary::FirstSteps::FirstSteps()
    : steps_(std::make_unique<Step[]>(kCommonHanCount)),
      second_steps_(std::make_unique<SecondStep[]>(size_t{1} << kSecondBits)) {}

CjkDictionary::FirstSteps::~FirstSteps() = default;

void CjkDictionary::Segment(std::u16string_view run, std::vector<uint32_t>* boundaries,
                            FirstSteps* first_steps) const {
  const size_t n = std::min(run.size(), kMaxRun);
  constexpr uint32_t kUnreached = ~uint32_t{0};
  // best[i]: the least cost of covering run[0, i); prev[i]: where its last word starts.
  std::array<uint32_t, kMaxRun + 1> best;
  std::array<uint8_t, kMaxRun + 1> prev{};
  best[0] = 0;
  std::fill(best.begin() + 1, best.begin() + static_cast<std::ptrdiff_t>(n) + 1, kUnreached);
  auto relax = [&](size_t from, size_t length, uint32_t cost) {
    const uint32_t total = best[from] + cost;
    if (total < best[from + length]) {  // the first of equal covers stays, as in ICU
      best[from + length] = total;
      prev[from + length] = static_cast<uint8_t>(from);
    }
  };
  for (size_t i = 0; i < n; ++i) {
    if (best[i] == kUnreached) continue;
    // Every dictionary word that starts at i, shortest first.
    icu::UCharsTrie trie(trie_);
    FirstSteps::Step& first = first_steps->steps_[run[i] - kFirstCommonHan];
    if (first.state == 0) {
      first.result = trie.first(run[i]);
      if (USTRINGTRIE_HAS_VALUE(first.result)) first.value = trie.getValue();
      // After no match the trie has no state to keep; 1 marks the entry known.
      first.state = first.result == USTRINGTRIE_NO_MATCH ? 1 : trie.getState64();
    } else if (first.result != USTRINGTRIE_NO_MATCH) {
      trie.resetToState64(first.state);
    }
    bool one_character_word = false;
    for (size_t j = i; j < n; ++j) {
      UStringTrieResult result;
      int32_t value = 0;
      if (j == i) {
        result = static_cast<UStringTrieResult>(first.result);
        value = first.value;
      } else if (j == i + 1) {
        const uint32_t key = static_cast<uint32_t>(run[i]) << 16 | run[j];
        FirstSteps::SecondStep& second =
            first_steps->second_steps_[(key * 0x9E3779B1u) >> (32 - FirstSteps::kSecondBits)];
        if (second.key != key) {
          result = trie.next(run[j]);
          if (USTRINGTRIE_HAS_VALUE(result)) value = trie.getValue();
          second.key = key;
          second.value_and_result = value * 4 + result;
          second.state = result == USTRINGTRIE_NO_MATCH ? 1 : trie.getState64();
        } else {
          result = static_cast<UStringTrieResult>(second.value_and_result & 3);
          value = second.value_and_result >> 2;
          if (result != USTRINGTRIE_NO_MATCH) trie.resetToState64(second.state);
        }
      } else {
        result = trie.next(run[j]);
        if (USTRINGTRIE_HAS_VALUE(result)) value = trie.getValue();
      }
      const size_t length = j - i + 1;
      if (USTRINGTRIE_HAS_VALUE(result)) {
        relax(i, length, static_cast<uint32_t>(value));
        one_character_word |= length == 1;
        if (result == USTRINGTRIE_FINAL_VALUE) break;
      } else if (result == USTRINGTRIE_NO_MATCH) {
        break;
      }
      if (length >= kMaxWord) break;
    }
    // A character that is no word of its own is one, at the highest cost.
    if (!one_character_word) relax(i, 1, kUnknownCost);
  }
  boundaries->clear();
  for (size_t i = n; i > 0; i = prev[i]) boundaries->push_back(static_cast<uint32_t>(i));
  boundaries->push_back(0);
  std::reverse(boundaries->begin(), boundaries->end());
}

}  // namespace voicelint
