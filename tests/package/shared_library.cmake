# Builds qingdan as a shared library, installs it, and builds and runs the find_package consumer
# against it; the consumer must need libqingdan alone, not yaml-cpp, OpenCC and the rest.
#   cmake -DSOURCE_DIR=… -DWORK_DIR=… -DGENERATOR=… -DBUILD_TYPE=… -DRULES=… -P shared_library.cmake
set(build ${WORK_DIR}/build)
set(prefix ${WORK_DIR}/install)
set(consumer ${WORK_DIR}/consumer)

execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${build} -G ${GENERATOR}
          -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_CXX_FLAGS_QINGDANPACKAGING=-O0
          -DBUILD_SHARED_LIBS=ON -DQINGDAN_BUILD_TESTS=OFF
          -DQINGDAN_BUILD_EXAMPLES=OFF -DQINGDAN_BUILD_CLI=OFF -DQINGDAN_BUILD_PYTHON=OFF
          -DQINGDAN_INSTALL=ON -DCMAKE_INSTALL_PREFIX=${prefix}
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${build} COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${build} COMMAND_ERROR_IS_FATAL ANY)

execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/find_package -B ${consumer}
          -G ${GENERATOR} -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_CXX_FLAGS_QINGDANPACKAGING=-O0
          -DCMAKE_PREFIX_PATH=${prefix}
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${consumer} COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${consumer}/consumer ${RULES} OUTPUT_VARIABLE output
                COMMAND_ERROR_IS_FATAL ANY)
if(NOT output MATCHES "owner district")
  message(FATAL_ERROR "the consumer answered: ${output}")
endif()

find_program(readelf readelf REQUIRED)
execute_process(COMMAND ${readelf} -d ${consumer}/consumer OUTPUT_VARIABLE dynamic
                COMMAND_ERROR_IS_FATAL ANY)
string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*" needed "${dynamic}")
message(STATUS "consumer needs: ${needed}")
if(NOT needed MATCHES "libqingdan\\.so")
  message(FATAL_ERROR "the consumer does not link the shared libqingdan")
endif()
foreach(private yaml-cpp opencc utf8proc crypto boost_json zip expat)
  if(needed MATCHES "lib${private}")
    message(FATAL_ERROR "the consumer links lib${private} itself; it should need libqingdan alone")
  endif()
endforeach()
