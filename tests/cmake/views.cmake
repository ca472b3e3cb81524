# views: the DOT of each diagram view (causal, argument, citation, all) of
# the seed and the English essay, against golden files reviewed by hand.
# The other diagram tests are unit/test_export.c (views on a graph built by
# hand, the same bytes twice), unit/test_render_big.c (2,000 nodes) and
# cli/map_outputs.sh (files, options, fonts, engines, reproducibility).
add_test(NAME golden.views
  COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/golden/run_views_golden.sh
          $<TARGET_FILE:argraph_cli> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/golden-views-work)
set_tests_properties(golden.views PROPERTIES LABELS golden ENVIRONMENT "${ARGRAPH_TEST_ENV}")
