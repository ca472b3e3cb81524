# audit: `argraph audit` on the seed, the English essay (a real reference
# list) and two real GROBID files, every expectation counted by hand or with
# XPath (tests/audit/check_audit.py); unit tests (tests/unit/test_audit.c,
# test_citekeys.c) register themselves.
find_program(PYTHON3 python3) # tests/CMakeLists.txt looks for it after including us
if(PYTHON3)
  add_test(NAME audit.report
    COMMAND ${PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/audit/check_audit.py
            $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/audit-work)
  set_tests_properties(audit.report PROPERTIES LABELS audit
    ENVIRONMENT "${ARGRAPH_TEST_ENV}")
endif()
