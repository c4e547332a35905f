/*
 * fuzz/replay.c - a main() for fuzz targets built without libFuzzer (gcc):
 * feeds each file named on the command line (or each file in a named folder)
 * to LLVMFuzzerTestOneInput, once. ctest runs it over fuzz/corpus/<target>/
 * as the regression test fuzz_<target>_replay, under ASan/UBSan in the asan
 * preset.
 *
 * Each input is copied into a buffer of exactly its size, so the sanitizers
 * catch a read one byte past the end, as libFuzzer would.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* libFuzzer's entry point; its name is fixed. */
// NOLINTNEXTLINE(readability-identifier-naming)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT ((size_t)64 << 20)

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    uint8_t *data = NULL;
    size_t size;
    int rc = -1;

    if (!f) {
        (void)fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0 || (size_t)st.st_size > MAX_INPUT) {
        (void)fprintf(stderr, "replay: %s: unreadable or too large\n", path);
        goto done;
    }
    size = (size_t)st.st_size;
    data = malloc(size ? size : 1);
    if (!data || fread(data, 1, size, f) != size) {
        (void)fprintf(stderr, "replay: %s: read failed\n", path);
        goto done;
    }
    (void)fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    (void)LLVMFuzzerTestOneInput(data, size);
    rc = 0;
done:
    free(data);
    (void)fclose(f);
    return rc;
}

static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;

    if (!d) {
        (void)fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    for (e = readdir(d); e != NULL; e = readdir(d)) {
        char path[4096];

        if (e->d_name[0] == '.') {
            continue;
        }
        (void)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (replay_file(path) < 0) {
            rc = -1;
        }
        (*count)++;
    }
    (void)closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int rc = 0;

    for (int i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            rc |= replay_dir(argv[i], &count) < 0;
        } else {
            rc |= replay_file(argv[i]) < 0;
            count++;
        }
    }
    (void)fprintf(stderr, "replay: %zu inputs, %s\n", count, rc ? "with errors" : "all ran");
    return rc ? 1 : 0;
}
