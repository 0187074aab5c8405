// Large allocations of the voicelint executable on transparent huge pages.
//
// Checking a large file touches several fresh buffers of its size: the file
// itself, its normalized text, the offset map. Faulting them in 4 KB pages
// costs more than normalizing them (about 4 us a fault on the 2-core VMs this
// is measured on, a quarter of a 4.5 MB Chinese file's run time), so
// allocations of a megabyte or more are aligned to 2 MB and advised as huge
// pages: one fault per 2 MB. Smaller ones go to malloc as usual.
//
// Only the executable replaces operator new; the libraries (libvoicelint.so)
// leave the allocator to their host. Sanitizer builds keep their own.
#include <sys/mman.h>

#include <cstdlib>
#include <new>

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) && defined(MADV_HUGEPAGE)

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kLarge = std::size_t{1} << 20;

void* Allocate(std::size_t size) {
  if (size >= kLarge) {
    const std::size_t rounded = (size + kHugePage - 1) & ~(kHugePage - 1);
    if (void* p = std::aligned_alloc(kHugePage, rounded)) {
      madvise(p, rounded, MADV_HUGEPAGE);  // advice only: without huge pages, small ones
      return p;
    }
    throw std::bad_alloc();
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return Allocate(size); }
void* operator new[](std::size_t size) { return Allocate(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

#endif
