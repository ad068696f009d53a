# cmake -DCOMMAND="program;args" -DEXPECTED=file -P compare_output.cmake
# Runs COMMAND and fails unless it exits 0 and its standard output equals the EXPECTED file.
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE actual RESULT_VARIABLE status
                ERROR_VARIABLE errors)
file(READ "${EXPECTED}" expected)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "exit status ${status}\n${errors}\n${actual}")
endif()
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "output differs from ${EXPECTED}\n--- expected\n${expected}--- actual\n${actual}")
endif()
