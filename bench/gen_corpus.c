/*
 * bench/gen_corpus.c - writes a deterministic corpus of realistic HTML pages
 * for the benchmark (DESIGN.md §9: 2,000 generated pages of 94 KB).
 *
 * Invariants: the output is a pure function of the arguments. Each page gets
 * its own PRNG stream seeded from (seed, page number), so page i is the same
 * whatever N is; no clock, locale, floating point or address enters the text.
 * Pages mix the kinds hurdle classifies (rebate, signup, pricing, terms,
 * other): nav, headings, legal and marketing prose from word lists, forms of
 * 5-40 fields with varied types and label styles, price tables with mixed
 * periods, fine print and footers. libc only.
 *
 * usage: hurdle_gen_corpus [-n PAGES] [-k KB] [-s SEED] OUTDIR
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "words.inc"

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next64(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15U);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9U;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebU;
    return z ^ (z >> 31);
}

/* A number in [0, n); n > 0. The modulo bias is irrelevant here. */
static size_t rnd(rng *r, size_t n)
{
    return (size_t)(next64(r) % (uint64_t)n);
}

/* A number in [lo, hi]. */
static size_t range(rng *r, size_t lo, size_t hi)
{
    return lo + rnd(r, hi - lo + 1);
}

/* True with probability percent/100. */
static int chance(rng *r, unsigned percent)
{
    return rnd(r, 100) < percent;
}

#define PICK(r, a) ((a)[rnd((r), NWORDS(a))])

typedef struct out {
    char *ptr;
    size_t len;
    size_t cap;
    int err;
} out;

static void grow(out *o, size_t need)
{
    size_t cap = o->cap ? o->cap : 4096;
    char *p;

    if (o->err || o->len + need + 1 <= o->cap) {
        return;
    }
    while (cap < o->len + need + 1) {
        cap *= 2;
    }
    p = realloc(o->ptr, cap);
    if (!p) {
        o->err = 1;
        return;
    }
    o->ptr = p;
    o->cap = cap;
}

static void put(out *o, const char *s)
{
    size_t n = strlen(s);

    grow(o, n);
    if (!o->err) {
        memcpy(o->ptr + o->len, s, n + 1);
        o->len += n;
    }
}

__attribute__((format(printf, 2, 3))) static void putf(out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        o->err = 1;
        return;
    }
    grow(o, (size_t)n);
    if (o->err) {
        return;
    }
    va_start(ap, fmt);
    (void)vsnprintf(o->ptr + o->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

enum style { MARKETING, LEGAL };

/* Appends `s` with its first letter upper-cased. */
static void put_cap(out *o, const char *s)
{
    char first[2] = { s[0], 0 };

    if (first[0] >= 'a' && first[0] <= 'z') {
        first[0] = (char)(first[0] - 'a' + 'A');
    }
    put(o, first);
    if (s[0]) {
        put(o, s + 1);
    }
}

/* A free-running sentence of common words: rich vocabulary, no grammar. */
static void word_sentence(out *o, rng *r)
{
    size_t n = range(r, 6, 24);

    put_cap(o, PICK(r, common));
    for (size_t i = 1; i < n; i++) {
        put(o, chance(r, 8) ? ", " : " ");
        put(o, PICK(r, common));
    }
    put(o, ". ");
}

static void sentence(out *o, rng *r, enum style st)
{
    size_t parts = range(r, 1, st == LEGAL ? 4 : 2);

    if (chance(r, 40)) {
        word_sentence(o, r);
        return;
    }
    put_cap(o, st == LEGAL ? PICK(r, legal) : PICK(r, marketing));
    for (size_t i = 1; i < parts; i++) {
        put(o, PICK(r, connectors));
        put(o, st == LEGAL ? PICK(r, legal) : PICK(r, marketing));
    }
    put(o, ". ");
}

static void paragraph(out *o, rng *r, enum style st, const char *const *facts, size_t nfacts)
{
    size_t n = range(r, 3, 8);

    put(o, st == LEGAL ? "<p class=\"legal\">" : "<p>");
    for (size_t i = 0; i < n; i++) {
        if (nfacts && chance(r, 15)) {
            put(o, facts[rnd(r, nfacts)]);
            put(o, " ");
        } else {
            sentence(o, r, st);
        }
    }
    put(o, "</p>\n");
}

static void price(out *o, rng *r)
{
    unsigned cents = (unsigned)range(r, 5, 49999);

    if (cents < 100) {
        putf(o, "$0.%02u", cents);
    } else {
        putf(o, "$%u.%02u", cents / 100, (unsigned)(cents % 100 < 50 ? 99 : 0));
    }
}

static void price_cell(out *o, rng *r, size_t *notes)
{
    size_t form = rnd(r, 10);

    if (form == 0) {
        put(o, "Contact sales");
        return;
    }
    put(o, PICK(r, price_prefixes));
    price(o, r);
    put(o, PICK(r, periods));
    if (form == 1) {
        putf(o, " for the first %zu months, then ", range(r, 3, 24));
        price(o, r);
        put(o, "/mo");
    } else if (form == 2) {
        put(o, " plus a ");
        price(o, r);
        putf(o, " %s", PICK(r, fee_names));
    }
    if (chance(r, 40)) {
        (*notes)++;
        putf(o, "<sup>%zu</sup>", *notes);
    }
}

static void price_table(out *o, rng *r)
{
    size_t nplans = range(r, 2, 5);
    size_t nrows = range(r, 3, 7);
    size_t notes = 0;

    put(o, "<table class=\"pricing\">\n<thead><tr><th>Plan</th>");
    for (size_t p = 0; p < nplans; p++) {
        putf(o, "<th>%s</th>", plan_names[(p * 2 + rnd(r, 2)) % NWORDS(plan_names)]);
    }
    put(o, "</tr></thead>\n<tbody>\n<tr><th>Price</th>");
    for (size_t p = 0; p < nplans; p++) {
        put(o, "<td class=\"price\">");
        price_cell(o, r, &notes);
        put(o, "</td>");
    }
    put(o, "</tr>\n");
    for (size_t i = 0; i < nrows; i++) {
        putf(o, "<tr><th>%s</th>", PICK(r, features));
        for (size_t p = 0; p < nplans; p++) {
            put(o, chance(r, 60) ? "<td>&#10003;</td>" : "<td>&ndash;</td>");
        }
        put(o, "</tr>\n");
    }
    put(o, "</tbody>\n</table>\n<div class=\"fine-print\">");
    for (size_t n = 1; n <= notes; n++) {
        putf(o, "<p><small><sup>%zu</sup> %s ", n, PICK(r, pricing_facts));
        sentence(o, r, LEGAL);
        put(o, "</small></p>");
    }
    put(o, "</div>\n");
}

enum label_style { LABEL_FOR, LABEL_WRAP, LABEL_ARIA, LABEL_PLACEHOLDER, LABEL_NEARBY };

/* The attributes every control gets: name, id, autocomplete, required. */
static void common_attrs(out *o, rng *r, const field_tpl *f, size_t idx)
{
    putf(o, " name=\"%s\" id=\"f%zu\"", f->name, idx);
    if (f->autocomplete[0] && chance(r, 55)) {
        putf(o, " autocomplete=\"%s\"", f->autocomplete);
    }
    if (chance(r, 60)) {
        put(o, " required");
    }
}

static void control(out *o, rng *r, const field_tpl *f, size_t idx, enum label_style ls)
{
    if (strcmp(f->type, "select") == 0) {
        size_t n = range(r, 3, 40);

        put(o, "<select");
        common_attrs(o, r, f, idx);
        if (ls == LABEL_ARIA) {
            putf(o, " aria-label=\"%s\"", f->label);
        }
        put(o, ">\n<option value=\"\">Choose one</option>");
        for (size_t i = 0; i < n; i++) {
            putf(o, "<option value=\"%zu\">%s</option>", i, option_words[i % NWORDS(option_words)]);
        }
        put(o, "\n</select>");
    } else if (strcmp(f->type, "textarea") == 0) {
        put(o, "<textarea rows=\"4\" cols=\"40\"");
        common_attrs(o, r, f, idx);
        put(o, ls == LABEL_PLACEHOLDER ? " placeholder=\"Comments\"></textarea>" : "></textarea>");
    } else if (strcmp(f->type, "radio") == 0) {
        static const char *const opts[] = { "Search", "Friend", "Store", "Television", "Other" };
        for (size_t i = 0; i < NWORDS(opts); i++) {
            putf(o, "<label><input type=\"radio\" name=\"%s\" value=\"%zu\"%s> %s</label> ",
                 f->name, i, i == 0 && chance(r, 50) ? " checked" : "", opts[i]);
        }
    } else {
        putf(o, "<input type=\"%s\"", f->type);
        common_attrs(o, r, f, idx);
        if (ls == LABEL_PLACEHOLDER) {
            putf(o, " placeholder=\"%s\"", f->label);
        } else if (ls == LABEL_ARIA) {
            putf(o, " aria-label=\"%s\"", f->label);
        }
        if (strcmp(f->type, "checkbox") == 0 && chance(r, 50)) {
            put(o, " checked");
        }
        if (strcmp(f->type, "text") == 0 && chance(r, 20)) {
            putf(o, " maxlength=\"%zu\"", range(r, 5, 80));
        }
        put(o, ">");
    }
}

static void field(out *o, rng *r, const field_tpl *f, size_t idx)
{
    enum label_style ls = (enum label_style)rnd(r, 5);

    if (ls == LABEL_PLACEHOLDER &&
        (strcmp(f->type, "select") == 0 || strcmp(f->type, "radio") == 0)) {
        ls = LABEL_NEARBY;
    } else if (strcmp(f->type, "checkbox") == 0 && ls != LABEL_FOR) {
        ls = LABEL_WRAP;
    }
    put(o, "<div class=\"row\">");
    switch (ls) {
    case LABEL_FOR:
        putf(o, "<label for=\"f%zu\">%s%s</label>\n", idx, f->label, chance(r, 50) ? " *" : "");
        control(o, r, f, idx, ls);
        break;
    case LABEL_WRAP:
        putf(o, "<label>%s ", f->label);
        control(o, r, f, idx, ls);
        put(o, "</label>");
        break;
    case LABEL_NEARBY:
        putf(o, "<span class=\"field-label\">%s</span> ", f->label);
        control(o, r, f, idx, ls);
        break;
    case LABEL_ARIA:
    case LABEL_PLACEHOLDER:
        control(o, r, f, idx, ls);
        break;
    }
    put(o, "</div>\n");
}

static void form(out *o, rng *r, const char *kind, size_t *next_id)
{
    size_t n = range(r, 5, 40);
    const unsigned char *pool = contact_pool;
    size_t npool = NWORDS(contact_pool);

    if (strcmp(kind, "rebate-claim") == 0) {
        pool = rebate_pool;
        npool = NWORDS(rebate_pool);
    } else if (strcmp(kind, "signup") == 0) {
        pool = signup_pool;
        npool = NWORDS(signup_pool);
    }
    putf(o, "<form class=\"%s\" action=\"submit-%s.html\" method=\"post\">\n", kind, kind);
    putf(o, "<input type=\"hidden\" name=\"token\" value=\"%016llx\">\n",
         (unsigned long long)next64(r));
    if (chance(r, 20)) {
        put(o, "<div style=\"display:none\" aria-hidden=\"true\"><input type=\"text\" "
               "name=\"website\" tabindex=\"-1\"></div>\n");
    }
    for (size_t i = 0; i < n; i++) {
        size_t t = chance(r, 15) ? rnd(r, NWORDS(fields)) : pool[i % npool];

        field(o, r, &fields[t], (*next_id)++);
    }
    putf(o, "<button type=\"submit\">%s</button>\n</form>\n",
         chance(r, 50) ? "Continue" : "Submit");
}

enum kind { K_REBATE, K_SIGNUP, K_PRICING, K_TERMS, K_OTHER };

static void head(out *o, rng *r, enum kind k, const char *company)
{
    size_t nlinks = range(r, 6, 14);
    char h1[160];

    (void)snprintf(h1, sizeof(h1), "%s%s%s", h1s[k], k == K_OTHER ? " " : "",
                   k == K_OTHER ? company : "");
    putf(o,
         "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>%s | %s</title>\n%s</head>\n<body>\n<header>\n<a class=\"brand\" "
         "href=\"../index.html\">%s</a>\n<nav>\n",
         h1, company, css, company);
    for (size_t i = 0; i < nlinks; i++) {
        putf(o, "<a href=\"../%s\">%s</a>\n", PICK(r, paths), PICK(r, nav_labels));
    }
    putf(o, "</nav>\n</header>\n<main>\n<h1>%s</h1>\n", h1);
}

static void footer(out *o, rng *r, const char *company)
{
    size_t nlinks = range(r, 10, 25);

    put(o, "</main>\n<footer>\n<nav class=\"footer-links\">\n");
    for (size_t i = 0; i < nlinks; i++) {
        putf(o, "<a href=\"../%s\">%s</a>\n", PICK(r, paths), PICK(r, nav_labels));
    }
    put(o, "</nav>\n");
    if (chance(r, 60)) {
        putf(o,
             "<p>Questions? Call <a href=\"tel:+1800555%04zu\">1-800-555-%04zu</a> or "
             "email <a href=\"mailto:help@example.com\">help@example.com</a>.</p>\n",
             range(r, 100, 199), range(r, 100, 199));
    }
    put(o, "<p class=\"fine-print\"><small>");
    sentence(o, r, LEGAL);
    putf(o,
         "</small></p>\n<p>&copy; 2026 %s. All rights reserved.</p>\n</footer>\n"
         "</body>\n</html>\n",
         company);
}

/* The kind's own block: a form, a price table, or nothing. */
static void feature(out *o, rng *r, enum kind k, size_t *next_id)
{
    if (k == K_REBATE) {
        form(o, r, "rebate-claim", next_id);
    } else if (k == K_SIGNUP) {
        form(o, r, "signup", next_id);
    } else if (k == K_PRICING) {
        price_table(o, r);
    } else if (k == K_OTHER && chance(r, 40)) {
        form(o, r, chance(r, 50) ? "newsletter" : "contact", next_id);
    }
}

static void page(out *o, rng *r, enum kind k, size_t target)
{
    const char *company = PICK(r, companies);
    const char *const *facts = NULL;
    size_t nfacts = 0;
    size_t section = 0;
    size_t next_id = 0;
    const size_t reserve = 2100;
    unsigned legal_share = k == K_TERMS ? 90 : 25;

    if (k == K_REBATE) {
        facts = rebate_facts;
        nfacts = NWORDS(rebate_facts);
    } else if (k == K_SIGNUP) {
        facts = signup_facts;
        nfacts = NWORDS(signup_facts);
    } else if (k == K_PRICING) {
        facts = pricing_facts;
        nfacts = NWORDS(pricing_facts);
    }
    head(o, r, k, company);
    while (!o->err && o->len + reserve < target) {
        size_t npara = range(r, 2, 6);

        putf(o, "<section>\n<h2>%zu. %s</h2>\n", ++section, PICK(r, headings));
        for (size_t i = 0; i < npara && o->len + reserve < target; i++) {
            paragraph(o, r, chance(r, legal_share) ? LEGAL : MARKETING, facts, nfacts);
        }
        if (section == 1 || (section % 7 == 0 && k != K_TERMS && chance(r, 50))) {
            feature(o, r, k, &next_id);
        }
        if (chance(r, 30)) {
            put(o, "<p class=\"fine-print\"><small>* ");
            sentence(o, r, LEGAL);
            put(o, "</small></p>\n");
        }
        put(o, "</section>\n");
    }
    footer(o, r, company);
}

/* Kind shares: rebate 25%, signup 20%, pricing 20%, terms 15%, other 20%. */
static enum kind pick_kind(rng *r)
{
    static const size_t upto[] = { 25, 45, 65, 80, 100 };
    size_t v = rnd(r, 100);
    size_t k = 0;

    while (v >= upto[k]) {
        k++;
    }
    return (enum kind)k;
}

static int usage(void)
{
    (void)fputs("usage: hurdle_gen_corpus [-n PAGES] [-k KB] [-s SEED] OUTDIR\n"
                "  -n PAGES  pages to write (default 2000)\n"
                "  -k KB     mean page size in kB of 1000 bytes (default 94)\n"
                "  -s SEED   PRNG seed (default 1); same arguments give identical files\n",
                stderr);
    return 2;
}

static int parse_size(size_t *out_v, const char *s, size_t min, size_t max)
{
    char *end = NULL;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max) {
        (void)fprintf(stderr, "hurdle_gen_corpus: bad number '%s' (%zu..%zu)\n", s, min, max);
        return -1;
    }
    *out_v = (size_t)v;
    return 0;
}

static int write_file(const char *path, const out *o)
{
    FILE *f = fopen(path, "wb");
    int rc;

    if (!f) {
        (void)fprintf(stderr, "hurdle_gen_corpus: %s: %s\n", path, strerror(errno));
        return -1;
    }
    rc = fwrite(o->ptr, 1, o->len, f) == o->len ? 0 : -1;
    if (fclose(f) != 0 || rc < 0) {
        rc = -1;
        (void)fprintf(stderr, "hurdle_gen_corpus: %s: write failed\n", path);
    }
    return rc;
}

static int generate(const char *dir, size_t npages, size_t kb, size_t seed)
{
    out o = { NULL, 0, 0, 0 };
    unsigned long long total = 0;
    size_t counts[5] = { 0 };
    int rc = 0;

    for (size_t i = 0; i < npages && rc == 0; i++) {
        rng r = { (uint64_t)seed * 0x100000001b3U ^ ((uint64_t)i << 20) };
        enum kind k = pick_kind(&r);
        size_t target = kb * range(&r, 900, 1100);
        char path[4096];

        o.len = 0;
        page(&o, &r, k, target);
        if (o.err) {
            (void)fputs("hurdle_gen_corpus: out of memory\n", stderr);
            rc = -1;
            break;
        }
        (void)snprintf(path, sizeof(path), "%s/page-%05zu.html", dir, i);
        rc = write_file(path, &o);
        total += o.len;
        counts[k]++;
    }
    free(o.ptr);
    if (rc == 0) {
        printf("wrote %zu pages, %llu bytes (mean %llu) to %s:", npages, total,
               npages ? total / npages : 0, dir);
        for (size_t k = 0; k < 5; k++) {
            printf(" %s %zu", kind_names[k], counts[k]);
        }
        printf("\n");
    }
    return rc;
}

int main(int argc, char **argv)
{
    size_t npages = 2000;
    size_t kb = 94;
    size_t seed = 1;
    int i = 1;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i += 2) {
        size_t *dst = NULL;
        size_t max = 1000000;

        if (strcmp(argv[i], "-n") == 0) {
            dst = &npages;
        } else if (strcmp(argv[i], "-k") == 0) {
            dst = &kb;
            max = 100000;
        } else if (strcmp(argv[i], "-s") == 0) {
            dst = &seed;
            max = (size_t)-1;
        }
        if (!dst || i + 1 >= argc || parse_size(dst, argv[i + 1], dst == &kb ? 4 : 0, max) < 0) {
            return usage();
        }
    }
    if (i != argc - 1) {
        return usage();
    }
    if (mkdir(argv[i], 0777) != 0 && errno != EEXIST) {
        (void)fprintf(stderr, "hurdle_gen_corpus: %s: %s\n", argv[i], strerror(errno));
        return 1;
    }
    return generate(argv[i], npages, kb, seed) == 0 ? 0 : 1;
}
