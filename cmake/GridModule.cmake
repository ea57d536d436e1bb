# grid_module(NAME DEPS ...): one static library per top-level folder, built from every
# .cpp in that folder (sub-folders included) except *_main.cpp. Includes are written from the repository root
# ("core/status.hpp"). Which module may include which is checked by tests/unit/include_rules_test.
function(grid_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  # A program's entry point (<name>_main.cpp) belongs to its executable, not to the library.
  list(FILTER sources EXCLUDE REGEX "_main\\.cpp$")
  if(sources)
    add_library(grid_${name} STATIC ${sources})
    target_include_directories(grid_${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(grid_${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(grid_${name} INTERFACE)
    target_include_directories(grid_${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(grid_${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()
