# The Python package's pytest suite as one ctest test (python/pytest), run against the built
# library and program with Debian's python3 (python3-numpy, python3-pytest). A sanitizer build's
# library cannot be loaded into an uninstrumented python3, so that build leaves it out.
if(IL_PYTHON AND NOT IL_SANITIZE)
  execute_process(COMMAND ${IL_PYTHON} -c "import numpy, pytest"
    RESULT_VARIABLE il_py_ok OUTPUT_QUIET ERROR_QUIET)
  if(il_py_ok EQUAL 0)
    add_test(NAME python/pytest
      COMMAND ${IL_PYTHON} -m pytest -q -p no:cacheprovider ${CMAKE_SOURCE_DIR}/python/tests
      WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
    set_tests_properties(python/pytest PROPERTIES ENVIRONMENT
      "PYTHONPATH=${CMAKE_SOURCE_DIR}/python;PYTHONDONTWRITEBYTECODE=1;INTERLAYER_LIBRARY=$<TARGET_FILE:interlayer>;INTERLAYER_CLI=$<TARGET_FILE:interlayer_cli>;INTERLAYER_SOURCE_DIR=${CMAKE_SOURCE_DIR};INTERLAYER_INCLUDE_DIRS=${CMAKE_SOURCE_DIR}/include:${CMAKE_BINARY_DIR}/include;CC=${CMAKE_C_COMPILER}")
  else()
    message(WARNING "python3-numpy or python3-pytest missing: the Python tests are not run")
  endif()
endif()
