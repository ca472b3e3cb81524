# hostile.cmake — hostile and broken input (issue #7).
#
#  diag.*      tests/diag/: one bad input per failure mode, each with its exact
#              stderr and exit code; the big ones are generated at test time
#              into the build directory (tests/diag/gen_inputs.py).
#  fuzz.*      each fuzz target replays its corpus (seeds and every crasher
#              found so far) through tests/fuzz/standalone.c, under whatever
#              compiler and sanitizers this build uses.
#  memory.*    peak memory per input megabyte stays under the documented bound
#              (docs/limits.md).
# With -DARGRAPH_FUZZ=ON (clang), the libFuzzer targets fuzz_{tei,rules,schema,
# pipeline} are built as well (run them by hand: docs/limits.md, "Fuzzing").

find_program(PYTHON3 python3)

# ---- diag: the bad-input corpus
add_test(NAME diag.corpus
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/diag/run_diag.sh
          $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/diag-work)
set_tests_properties(diag.corpus PROPERTIES LABELS diag TIMEOUT 600
  ENVIRONMENT "${ARGRAPH_TEST_ENV}")

add_test(NAME diag.outputs
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/diag/run_outputs.sh
          $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/diag-outputs-work)
set_tests_properties(diag.outputs PROPERTIES LABELS diag TIMEOUT 300
  ENVIRONMENT "${ARGRAPH_TEST_ENV}")

if(PYTHON3)
  add_test(NAME memory.per_megabyte
    COMMAND ${PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/diag/memory.py
            $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/memory-work
            $<IF:$<BOOL:${ARGRAPH_SANITIZE}>,sanitized,plain>)
  set_tests_properties(memory.per_megabyte PROPERTIES LABELS diag TIMEOUT 600
    ENVIRONMENT "${ARGRAPH_TEST_ENV}")
  # a teiCorpus's members stream: it costs what its members as files cost
  add_test(NAME memory.teicorpus_stream
    COMMAND ${PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/diag/stream_memory.py
            $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/stream-memory-work
            $<IF:$<BOOL:${ARGRAPH_SANITIZE}>,sanitized,plain>)
  set_tests_properties(memory.teicorpus_stream PROPERTIES LABELS diag TIMEOUT 600
    ENVIRONMENT "${ARGRAPH_TEST_ENV}")
endif()

# ---- fuzz: replay every corpus as an ordinary test
set(ARGRAPH_FUZZ_TARGETS tei rules schema pipeline)
foreach(t ${ARGRAPH_FUZZ_TARGETS})
  add_executable(fuzz_${t}_replay fuzz/fuzz_${t}.c fuzz/standalone.c)
  target_link_libraries(fuzz_${t}_replay PRIVATE argraph_core)
  target_include_directories(fuzz_${t}_replay PRIVATE ${CMAKE_SOURCE_DIR}/src)
  add_test(NAME fuzz.${t}
    COMMAND fuzz_${t}_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpora/${t})
  set_tests_properties(fuzz.${t} PROPERTIES LABELS fuzz TIMEOUT 600
    ENVIRONMENT "${ARGRAPH_TEST_ENV}")
  if(ARGRAPH_FUZZ)
    add_executable(fuzz_${t} fuzz/fuzz_${t}.c)
    target_link_libraries(fuzz_${t} PRIVATE argraph_core)
    target_include_directories(fuzz_${t} PRIVATE ${CMAKE_SOURCE_DIR}/src)
    target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
  endif()
endforeach()
