# qingdan_set_warnings(TARGET): the project's warning flags, errors when QINGDAN_WARNINGS_AS_ERRORS.
function(qingdan_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           $<$<BOOL:${QINGDAN_WARNINGS_AS_ERRORS}>:-Werror>)
endfunction()
