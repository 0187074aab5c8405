// The shared benchmark corpora and glossaries, for the benchmark programs:
// VOICELINT_CORPUS_DIR, else the folder CMake was given (../shared/corpus
// beside the checkout by default).
#ifndef VOICELINT_TESTS_BENCH_CORPUS_H_
#define VOICELINT_TESTS_BENCH_CORPUS_H_

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace voicelint::bench {

inline std::string CorpusPath(const std::string& name) {
  const char* dir = std::getenv("VOICELINT_CORPUS_DIR");
  return std::string(dir != nullptr ? dir : VOICELINT_DEFAULT_CORPUS_DIR) + "/" + name;
}

// The whole file; throws when it cannot be read, so that no figure is ever
// measured on an empty text.
inline std::string ReadCorpus(const std::string& name) {
  std::ifstream in(CorpusPath(name), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + CorpusPath(name));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace voicelint::bench

#endif  // VOICELINT_TESTS_BENCH_CORPUS_H_
