# bench: the Python baseline reads the bundled rules as argraph does
# (bench/baseline.py; skipped without python3-lxml)
add_test(NAME bench.baseline_rules
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/bench/check_baseline_rules.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(bench.baseline_rules PROPERTIES LABELS bench SKIP_RETURN_CODE 77)

# bench: the per-rule cost table (bench/rulecost.c) lists every rule and
# finds the matches the rules find together
add_test(NAME bench.rulecost
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/bench/check_rulecost.sh
          $<TARGET_FILE:argraph_rulecost> ${CMAKE_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/bench-work/rulecost)
set_tests_properties(bench.rulecost PROPERTIES LABELS bench ENVIRONMENT "${ARGRAPH_TEST_ENV}")
