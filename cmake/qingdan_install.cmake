include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(qingdan_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/qingdan)
install(TARGETS qingdan EXPORT qingdanTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/qingdan DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT qingdanTargets NAMESPACE qingdan:: DESTINATION ${qingdan_cmake_dir})
if(TARGET qingdan-cli)
  install(TARGETS qingdan-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

get_target_property(qingdan_library_type qingdan TYPE)  # for qingdanConfig.cmake.in
configure_package_config_file(cmake/qingdanConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/qingdanConfig.cmake
                              INSTALL_DESTINATION ${qingdan_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/qingdanConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/qingdanConfig.cmake
              ${PROJECT_BINARY_DIR}/qingdanConfigVersion.cmake
        DESTINATION ${qingdan_cmake_dir})
