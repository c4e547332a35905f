/*
 * bench/text_pass.h - the text-analysis measure of the benchmark.
 */
#ifndef HURDLE_BENCH_TEXT_PASS_H
#define HURDLE_BENCH_TEXT_PASS_H

#include <stddef.h>

typedef struct bench_text {
    double seconds;     /* readability over all pages' visible text, one pass */
    size_t text_bytes;  /* visible text analysed */
    size_t words;
} bench_text;

/* Extracts each page, then times the readability pass over its text (best of `repeat`). */
int bench_text_pass(bench_text *out, const char *const *data, const size_t *lens, size_t n,
                    size_t repeat);

#endif
