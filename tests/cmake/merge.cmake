# merge: the corpus split into shards, mapped to JSON Lines with GNU
# parallel, merged in several groupings and orders, each byte for byte the
# one-shot merge (the recipe of docs/cluster.md, on one machine). Skipped
# (77) while the CLI has no merge command, or without GNU parallel.
add_test(NAME merge.sharded
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/merge/sharded.sh
          $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/merge-work/sharded)
set_tests_properties(merge.sharded PROPERTIES LABELS merge SKIP_RETURN_CODE 77
  ENVIRONMENT "${ARGRAPH_TEST_ENV}")
