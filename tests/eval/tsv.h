/*
 * tests/eval/tsv.h - reading the shared data's TSV files (a header row,
 * tab-separated, backslash escapes) for the evaluation programs.
 */
#ifndef HD_EVAL_TSV_H
#define HD_EVAL_TSV_H

#include <stddef.h>

#define TSV_MAX_COLS 16

typedef struct tsv_row {
    char *col[TSV_MAX_COLS]; /* unescaped, NUL-terminated; "" past the row's end */
    size_t ncol;
} tsv_row;

typedef struct tsv {
    char *data;
    tsv_row *rows; /* the header row excluded */
    size_t nrows;
} tsv;

/* 0 on success, -1 when the file cannot be read. */
int tsv_load(tsv *t, const char *path);
void tsv_free(tsv *t);
/* The whole file, NUL-terminated (free() it), or NULL. */
char *eval_read(const char *path, size_t *len_out);
/* Whether `path` is an existing directory. */
int eval_is_dir(const char *path);

#endif
