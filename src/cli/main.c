/*
 * cli/main.c - the hurdle command: dispatches to a verb.
 */
#include <stdio.h>
#include <string.h>

#include <hurdle.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("hurdle %s\n", hurdle_version());
        return 0;
    }
    fprintf(stderr, "usage: hurdle scan TARGET...\n");
    return 2;
}
