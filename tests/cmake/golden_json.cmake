# golden: the seed's JSON graph against a hand-reviewed golden file
add_test(NAME golden.json
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/golden/run_json_golden.sh
          $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/golden-json-work)
set_tests_properties(golden.json PROPERTIES LABELS golden ENVIRONMENT "${ARGRAPH_TEST_ENV}")
