# bench: the Python baseline reads the bundled rules as argraph does
# (bench/baseline.py; skipped without python3-lxml)
add_test(NAME bench.baseline_rules
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/bench/check_baseline_rules.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(bench.baseline_rules PROPERTIES LABELS bench SKIP_RETURN_CODE 77)
