# voicelint_warnings: the project's warning flags, linked PRIVATE by its own
# targets only, never forced on people who build against the library.
# VOICELINT_WERROR turns them into errors (the CI presets set it).
add_library(voicelint_warnings INTERFACE)
target_compile_options(voicelint_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
  $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion>
  $<$<BOOL:${VOICELINT_WERROR}>:-Werror>)
