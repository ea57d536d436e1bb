# Every dependency comes from a Debian 12 package; see ../shared/design/TOOLCHAIN.md.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(leveldb CONFIG REQUIRED)
find_package(RapidJSON CONFIG REQUIRED)
find_package(GTest CONFIG REQUIRED)
if(GRID_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
find_package(PkgConfig REQUIRED)
pkg_check_modules(SECP256K1 REQUIRED IMPORTED_TARGET libsecp256k1)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

# RapidJSON's config gives include dirs only; wrap them in a target.
add_library(grid_rapidjson INTERFACE)
target_include_directories(grid_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
