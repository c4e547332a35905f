# check_gen.cmake: the corpus generator's smoke test, run with cmake -P.
#   -DGEN=path/to/hurdle_gen_corpus -DOUT=scratch dir -DSMOKE=dir for the bench smoke test
# Generates 20 small pages twice with the same arguments and fails unless the two
# runs are byte-identical; then leaves 20 pages in SMOKE for bench_smoke.
foreach(v GEN OUT SMOKE)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_gen.cmake: -D${v}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${OUT} ${SMOKE})
file(MAKE_DIRECTORY ${OUT})
# Run c writes 25 pages: page i depends only on the seed and i, so its first 20
# must equal a's.
foreach(run a b c)
  if(run STREQUAL "c")
    set(count 25)
  else()
    set(count 20)
  endif()
  execute_process(COMMAND ${GEN} -n ${count} -k 8 -s 7 ${OUT}/${run} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "hurdle_gen_corpus failed (${rc})")
  endif()
endforeach()

file(GLOB pages RELATIVE ${OUT}/a ${OUT}/a/*.html)
list(LENGTH pages n)
if(NOT n EQUAL 20)
  message(FATAL_ERROR "expected 20 pages, got ${n}")
endif()
foreach(p ${pages})
  file(SHA256 ${OUT}/a/${p} ha)
  file(SHA256 ${OUT}/b/${p} hb)
  file(SHA256 ${OUT}/c/${p} hc)
  if(NOT ha STREQUAL hb OR NOT ha STREQUAL hc)
    message(FATAL_ERROR "not deterministic: ${p} differs between two runs")
  endif()
endforeach()

# The corpus for bench_smoke.
execute_process(COMMAND ${GEN} -n 20 -k 8 -s 7 ${SMOKE} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "hurdle_gen_corpus failed (${rc})")
endif()
message(STATUS "hurdle_gen_corpus: 20 pages, deterministic")
