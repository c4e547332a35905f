/*
 * tests/eval/tsv.c - see tsv.h.
 */
#include "tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *eval_read(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n;

    if (!f) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        data = malloc((size_t)n + 1);
        if (data && fread(data, 1, (size_t)n, f) == (size_t)n) {
            data[n] = '\0';
            *len_out = (size_t)n;
        } else {
            free(data);
            data = NULL;
        }
    }
    fclose(f);
    return data;
}

int eval_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char empty[1];

static void unescape(char *s)
{
    char *o = s;

    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *o++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

int tsv_load(tsv *t, const char *path)
{
    size_t len = 0;
    size_t cap = 0;
    char *line;
    char *next;

    memset(t, 0, sizeof(*t));
    t->data = eval_read(path, &len);
    if (!t->data) {
        return -1;
    }
    line = strchr(t->data, '\n');
    line = line ? line + 1 : t->data + len;
    for (; *line; line = next) {
        tsv_row *r;
        char *p = line;
        next = strchr(line, '\n');
        if (next) {
            *next++ = '\0';
        } else {
            next = line + strlen(line);
        }
        if (t->nrows == cap) {
            cap = cap ? cap * 2 : 256;
            t->rows = realloc(t->rows, cap * sizeof(*t->rows));
        }
        r = &t->rows[t->nrows++];
        memset(r, 0, sizeof(*r));
        while (r->ncol < TSV_MAX_COLS) {
            char *tab = strchr(p, '\t');
            r->col[r->ncol++] = p;
            if (!tab) {
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        for (size_t i = 0; i < TSV_MAX_COLS; i++) {
            if (i < r->ncol) {
                unescape(r->col[i]);
            } else {
                r->col[i] = empty;
            }
        }
    }
    return 0;
}

void tsv_free(tsv *t)
{
    free(t->data);
    free(t->rows);
    memset(t, 0, sizeof(*t));
}
