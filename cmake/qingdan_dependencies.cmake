# Every dependency comes from the system's packages (Debian: libyaml-cpp-dev, libboost1.81-dev,
# libboost-json1.81-dev, libutf8proc-dev, libopencc-dev, libssl-dev, libzip-dev,
# libexpat1-dev); nothing is downloaded.
find_package(yaml-cpp 0.7 CONFIG REQUIRED)
if(NOT TARGET yaml-cpp::yaml-cpp)
  # Debian 12's yaml-cpp 0.7.0 exports the plain target name only.
  add_library(yaml-cpp::yaml-cpp INTERFACE IMPORTED)
  target_link_libraries(yaml-cpp::yaml-cpp INTERFACE yaml-cpp)
endif()
find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS json)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(OPENCC REQUIRED IMPORTED_TARGET opencc)
# .xlsx village files: libzip for the archive, expat for its XML. libzip by pkg-config: Debian
# 12's libzip-config.cmake names its command-line tools, which libzip-dev does not install.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip>=1.7)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat>=2.4)
