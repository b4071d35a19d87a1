# Warnings as errors for every target of ours; third-party headers come in as SYSTEM includes.
function(saltant_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor
        -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wformat=2)
endfunction()
