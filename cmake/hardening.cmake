# Sanitizer and fuzzing builds (hostile input, issue 10); included right after project() so the
# flags reach every target defined later.
#   -DDBSILO_SANITIZE=ON  everything (our code, grammars, tests, the CLI) with ASan + UBSan;
#                         any undefined behaviour aborts, so a test that hits it fails.
#   -DDBSILO_FUZZ=ON      clang only: ASan + UBSan plus libFuzzer coverage on everything compiled
#                         here; fuzz/ builds real libFuzzer binaries (target fuzz_targets). Without
#                         it fuzz/ builds the same targets with a replay main, so every suite still
#                         runs the seed corpora and regression inputs.
# scripts/sanitize.sh: build-asan (gcc, DBSILO_SANITIZE, the whole suite) and build-fuzz (clang-14,
# DBSILO_FUZZ, only the fuzz_targets target).
option(DBSILO_SANITIZE "build everything with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(DBSILO_FUZZ "build the fuzz/ targets as libFuzzer binaries (needs clang; implies DBSILO_SANITIZE)" OFF)

if(DBSILO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "DBSILO_FUZZ needs clang (libFuzzer): configure with -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  set(DBSILO_SANITIZE ON CACHE BOOL "" FORCE)
  # Coverage for libFuzzer without its main(): test binaries linked from the same objects run normally.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(DBSILO_SANITIZE)
  # -fno-sanitize-recover: UBSan reports abort, so they fail ctest instead of scrolling by.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # gcc's flow analysis sees sanitizer checks as paths that skip initialisation (std::regex, std::function):
    # false positives its manual warns of, which -Werror would turn into build failures.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
