/*
 * html/purpose.c - what a field asks for: a WHATWG autofill field name
 * where one fits, hurdle's own name otherwise (DESIGN.md section 2).
 *
 * Order of evidence: a valid autocomplete token; the password and button
 * types; keyword rules over the field's label, placeholder and ARIA text;
 * the same rules over its name and id; then over the text just before it
 * and a select's first options; then the input type (email, tel, file...).
 * Keywords come in several languages and are matched on a normalised form
 * of each source: lower case, camelCase and punctuation split into words
 * (" billing address name first "), and a compact form without separators
 * ("billingaddressnamefirst"). A rule word starting with '=' must match
 * whole words; other words match anywhere in the compact form.
 * The rule table is in purpose.inc. libc only.
 */
#include <string.h>

#include "internal.h"

#define NORM_MAX 256

typedef struct rule {
    const char *purpose;
    const char *words[24];
} rule;

#include "purpose.inc"

typedef struct norm {
    char spaced[NORM_MAX + 2];
    char compact[NORM_MAX];
    size_t ns;
    size_t nc;
} norm;

/* Lower-cases one character of UTF-8 (ASCII, Latin-1 letters, Cyrillic) into `out`. */
static size_t lower_char(const unsigned char *s, size_t n, unsigned char out[2], size_t *used)
{
    if (s[0] < 0x80) {
        out[0] = (unsigned char)(s[0] >= 'A' && s[0] <= 'Z' ? s[0] + 32 : s[0]);
        *used = 1;
        return 1;
    }
    *used = 1;
    while (*used < n && (s[*used] & 0xC0) == 0x80) {
        (*used)++;
    }
    if (*used != 2) {
        return 0;
    }
    out[0] = s[0];
    out[1] = s[1];
    if (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97) {
        out[1] = (unsigned char)(s[1] + 0x20);
    } else if (s[0] == 0xD0 && s[1] >= 0x90 && s[1] <= 0x9F) {
        out[1] = (unsigned char)(s[1] + 0x20);
    } else if (s[0] == 0xD0 && s[1] >= 0xA0 && s[1] <= 0xAF) {
        out[0] = 0xD1;
        out[1] = (unsigned char)(s[1] - 0x20);
    }
    return 2;
}

static void put_sep(norm *n)
{
    if (n->ns > 1 && n->spaced[n->ns - 1] != ' ' && n->ns < NORM_MAX) {
        n->spaced[n->ns++] = ' ';
    }
}

static void norm_add(norm *n, const char *src)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t len = src ? strlen(src) : 0;
    size_t i = 0;
    int prev = 0; /* 1 lower, 2 upper, 3 digit */

    put_sep(n);
    while (i < len && n->ns + 4 < NORM_MAX && n->nc + 4 < NORM_MAX) {
        unsigned char c[2];
        size_t used;
        size_t k = lower_char(s + i, len - i, c, &used);
        int kind = s[i] >= 'a' && s[i] <= 'z'   ? 1
                   : s[i] >= 'A' && s[i] <= 'Z' ? 2
                   : s[i] >= '0' && s[i] <= '9' ? 3
                   : s[i] >= 0x80               ? 1
                                                : 0;
        bool split = kind == 0 || (kind == 2 && prev == 1) || (kind == 3) != (prev == 3) ||
                     (kind == 2 && prev == 2 && i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z');
        if (split) {
            put_sep(n);
        }
        if (kind != 0 && k > 0) {
            memcpy(n->spaced + n->ns, c, k);
            memcpy(n->compact + n->nc, c, k);
            n->ns += k;
            n->nc += k;
        }
        prev = kind;
        i += used;
    }
    put_sep(n);
    n->spaced[n->ns] = '\0';
    n->compact[n->nc] = '\0';
}

static void norm_init(norm *n)
{
    n->spaced[0] = ' ';
    n->spaced[1] = '\0';
    n->ns = 1;
    n->compact[0] = '\0';
    n->nc = 0;
}

static bool word_in(const norm *n, const char *w)
{
    char pat[64];
    size_t k = strlen(w);

    if (k + 2 >= sizeof(pat)) {
        return false;
    }
    pat[0] = ' ';
    memcpy(pat + 1, w, k);
    pat[k + 1] = ' ';
    pat[k + 2] = '\0';
    return strstr(n->spaced, pat) != NULL;
}

static bool matches(const norm *n, const char *w)
{
    return w[0] == '=' ? word_in(n, w + 1) : strstr(n->compact, w) != NULL;
}

/* The first rule of `rules` with a word in `n`, or NULL. */
static const char *apply(const rule *rules, size_t count, const norm *n)
{
    if (n->nc == 0) {
        return NULL;
    }
    for (size_t r = 0; r < count; r++) {
        for (size_t i = 0; i < 24 && rules[r].words[i]; i++) {
            if (matches(n, rules[r].words[i])) {
                return rules[r].purpose;
            }
        }
    }
    return NULL;
}

bool hd_purpose_is_autofill_name(const char *name, size_t len)
{
    for (size_t i = 0; len && i < sizeof(autofill) / sizeof(autofill[0]); i++) {
        if (strlen(autofill[i][0]) == len && memcmp(name, autofill[i][0], len) == 0) {
            return true;
        }
    }
    return false;
}

static const char *from_autocomplete(const char *ac)
{
    const char *found = NULL;
    const char *p = ac;

    while (*p) {
        const char *start;
        size_t len;
        while (*p == ' ') {
            p++;
        }
        start = p;
        while (*p && *p != ' ') {
            p++;
        }
        len = (size_t)(p - start);
        for (size_t i = 0; len && i < sizeof(autofill) / sizeof(autofill[0]); i++) {
            if (strlen(autofill[i][0]) == len && memcmp(start, autofill[i][0], len) == 0) {
                found = autofill[i][1];
            }
        }
    }
    return found;
}

static bool any(const norm *n, const char *const *words)
{
    for (size_t i = 0; words[i]; i++) {
        if (matches(n, words[i])) {
            return true;
        }
    }
    return false;
}

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

/* "day", "month" or "year" when exactly one part of a date is named, else NULL. */
static const char *date_part(const norm *n)
{
    bool d = any(n, day_words);
    bool m = any(n, month_words);
    bool y = any(n, year_words);

    if (d + m + y != 1) {
        return NULL;
    }
    return d ? "day" : m ? "month" : "year";
}

static const char *text_guess(const norm *n)
{
    const char *p = apply(text_rules, sizeof(text_rules) / sizeof(text_rules[0]), n);
    const char *part;

    p = p ? p : apply(text_rules2, sizeof(text_rules2) / sizeof(text_rules2[0]), n);
    if (p && !is(p, "cc-exp") && !is(p, "bday")) {
        return p;
    }
    part = n->nc ? date_part(n) : NULL;
    if (!part) {
        return p;
    }
    if (p && is(p, "cc-exp")) {
        return is(part, "day") ? p : is(part, "month") ? "cc-exp-month" : "cc-exp-year";
    }
    return is(part, "day") ? "bday-day" : is(part, "month") ? "bday-month" : "bday-year";
}

/* Whether `b` (from the name) is a more precise answer of the same family as `a`. */
static bool refines(const char *a, const char *b)
{
    static const char *const fam[][6] = {
        { "name", "given-name", "family-name", "additional-name", "cc-name", "username" },
        { "address-line1", "address-line2", "address-level1", "address-level2", "postal-code",
          "country" },
        { "cc-exp", "cc-exp-month", "cc-exp-year", NULL, NULL, NULL },
        { "bday", "bday-day", "bday-month", "bday-year", NULL, NULL },
    };

    for (size_t i = 0; i < sizeof(fam) / sizeof(fam[0]); i++) {
        if (!is(a, fam[i][0])) {
            continue;
        }
        for (size_t j = 1; j < 6 && fam[i][j]; j++) {
            if (is(b, fam[i][j])) {
                return true;
            }
        }
    }
    return false;
}

/* Keyword rules over the three tiers of evidence; a generic answer from the
 * label may be refined by the name ("Name" over name="first_name"). */
static const char *keyword_guess(const hd_field *f, const hd_field_x *x, bool check)
{
    norm a;
    norm b;
    norm c;
    const char *pa;
    const char *pb;
    bool near = strcmp(f->label_source, "nearby") == 0 || strcmp(f->label_source, "value") == 0;

    norm_init(&a);
    norm_init(&b);
    norm_init(&c);
    norm_add(near ? &c : &a, f->label);
    norm_add(&a, f->placeholder);
    norm_add(&a, x->aria_label);
    norm_add(&a, x->title);
    norm_add(&b, f->name);
    norm_add(&b, f->id);
    norm_add(&c, x->hint_len ? x->hint : NULL);
    if (check) {
        const rule *r = check_rules;
        size_t nr = sizeof(check_rules) / sizeof(check_rules[0]);
        pa = apply(r, nr, &a);
        pb = pa ? pa : apply(r, nr, &b);
        return pb ? pb : apply(r, nr, &c);
    }
    pa = text_guess(&a);
    if (pa && !is(pa, "name") && !is(pa, "address-line1") && !is(pa, "cc-exp") && !is(pa, "bday")) {
        return pa; /* nothing in the name can refine it */
    }
    pb = text_guess(&b);
    if (pa && pb && refines(pa, pb)) {
        return pb;
    }
    if (pa || pb) {
        return pa ? pa : pb;
    }
    return text_guess(&c);
}

static const char *password_guess(const hd_field *f, const hd_field_x *x, const hd_purpose_form *pf)
{
    static const char *const csc[] = { "cvv", "cvc", "=csc", "securitycode", "cardcode", NULL };
    static const char *const other[] = { "=pin", "giftcard", "=ssn", NULL };
    norm n;

    norm_init(&n);
    norm_add(&n, f->label);
    norm_add(&n, f->placeholder);
    norm_add(&n, x->aria_label);
    norm_add(&n, f->name);
    norm_add(&n, f->id);
    if (any(&n, csc)) {
        return "cc-csc";
    }
    if (any(&n, other)) {
        return matches(&n, "=ssn") ? "national-id" : "unknown";
    }
    if (any(&n, current_words)) {
        return "current-password";
    }
    if (any(&n, new_words)) {
        return "new-password";
    }
    if (pf->passwords >= 3) {
        return pf->password_pos == 0 ? "current-password" : "new-password";
    }
    if (pf->passwords == 2) {
        return pf->current_words && pf->password_pos == 0 ? "current-password" : "new-password";
    }
    if (pf->signup_words != pf->login_words) {
        return pf->signup_words ? "new-password" : "current-password";
    }
    return pf->inputs >= 3 ? "new-password" : "current-password";
}

static const char *file_guess(const hd_field *f, const hd_field_x *x)
{
    const char *p = keyword_guess(f, x, false);
    return p && is(p, "proof-of-purchase") ? p : "receipt-upload";
}

const char *hd_purpose_guess(const hd_field *f, const hd_field_x *x, const hd_purpose_form *pf)
{
    const char *t = f->type;
    const char *ac = from_autocomplete(f->autocomplete);
    const char *p;

    if (f->tag[0] == 'b' || is(t, "submit") || is(t, "image")) {
        return is(t, "submit") || is(t, "image") ? "submit" : "unknown";
    }
    if (is(t, "hidden") || is(t, "reset") || is(t, "button")) {
        return "unknown";
    }
    if (is(t, "password")) {
        if (ac && is(ac, "new-password") && pf->passwords == 1 && pf->inputs <= 2 &&
            pf->login_words && !pf->signup_words) {
            return "current-password"; /* a login form that asks browsers for a new one */
        }
        if (ac && (is(ac, "new-password") || is(ac, "current-password") || is(ac, "cc-csc") ||
                   is(ac, "one-time-code"))) {
            return ac;
        }
        return password_guess(f, x, pf);
    }
    if (ac && (is(ac, "new-password") || is(ac, "current-password"))) {
        ac = NULL; /* only a password field takes a password */
    }
    if (ac && is(ac, "email")) {
        p = keyword_guess(f, x, false);
        return p && is(p, "username") ? p : ac;
    }
    if (ac) {
        return ac;
    }
    if (is(t, "checkbox") || is(t, "radio")) {
        p = keyword_guess(f, x, true);
        return p ? p : "unknown";
    }
    if (is(t, "file")) {
        return file_guess(f, x);
    }
    if (is(t, "search")) {
        return "search";
    }
    p = keyword_guess(f, x, false);
    if (p && is(p, "search") && is(f->tag, "select")) {
        p = NULL; /* "Search" among a select's options ("How did you hear about us?") */
    }
    if (p && is(p, "password")) {
        return password_guess(f, x, pf);
    }
    if (is(t, "email") && (!p || (!is(p, "username") && !is(p, "email")))) {
        return "email";
    }
    if (p) {
        return p;
    }
    return is(t, "tel") ? "tel" : is(t, "url") ? "url" : "unknown";
}

static bool is_card(const char *p)
{
    return strncmp(p, "cc-", 3) == 0;
}

/* Fixes that need the neighbours: date parts next to card fields are expiry
 * parts; "Name" before a family name is a given name; two first address
 * lines in a row make the second a second line. */
void hd_purpose_fix_sequence(hd_field *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        hd_field *f = &fields[i];
        bool card = false;
        for (size_t j = i > 3 ? i - 3 : 0; j < n && j <= i + 3; j++) {
            card = card || (j != i && fields[j].form == f->form && is_card(fields[j].purpose));
        }
        if (card && is(f->purpose, "bday-month")) {
            f->purpose = "cc-exp-month";
        } else if (card && is(f->purpose, "bday-year")) {
            f->purpose = "cc-exp-year";
        }
        if (i + 1 < n && is(f->purpose, "name") && is(fields[i + 1].purpose, "family-name")) {
            f->purpose = "given-name";
        }
        if (i > 0 && is(f->purpose, "address-line1") &&
            is(fields[i - 1].purpose, "address-line1") && fields[i - 1].form == f->form &&
            !is(f->tag, "textarea")) {
            f->purpose = "address-line2";
        }
    }
}
