/*
 * html/purpose.c - what a field asks for: a WHATWG autofill field name
 * where one fits, hurdle's own name otherwise (DESIGN.md section 2).
 *
 * Order of evidence: a valid autocomplete token; the password and button
 * types; keyword groups over the field's label, placeholder and ARIA text;
 * the same over its name and id; then over the text just before it and a
 * select's first options; then the input type (email, tel, file...).
 * The keywords are data (rules/purposes.json and rules/<lang>/purposes.json,
 * loaded by src/rules/pack_purposes.c into the hd_purpose_table of
 * purpose.h, which also says how they match). This file holds the logic:
 * tiers, refinements, date parts, passwords, neighbours; and the purpose
 * vocabulary (field purposes are always its static strings). Without a table
 * (a page parsed with no rules) purposes come from autocomplete and the
 * input type only. libc only.
 */
#include "purpose.h"

#include <string.h>

#include "internal.h"

static const char *const vocab[] = {
    "name",
    "given-name",
    "additional-name",
    "family-name",
    "username",
    "new-password",
    "current-password",
    "one-time-code",
    "organization",
    "street-address",
    "address-line1",
    "address-line2",
    "address-level1",
    "address-level2",
    "country",
    "postal-code",
    "cc-name",
    "cc-number",
    "cc-exp",
    "cc-exp-month",
    "cc-exp-year",
    "cc-csc",
    "bday",
    "bday-day",
    "bday-month",
    "bday-year",
    "sex",
    "url",
    "tel",
    "email",
    "national-id",
    "receipt-upload",
    "proof-of-purchase",
    "serial-number",
    "purchase-date",
    "store-name",
    "captcha",
    "consent",
    "marketing-opt-in",
    "search",
    "submit",
    "unknown",
    "password",
};

/* The autocomplete field names hurdle reads (WHATWG "autofill field names"). */
static const char *const autofill_names[] = {
    "name",
    "honorific-prefix",
    "given-name",
    "additional-name",
    "family-name",
    "honorific-suffix",
    "nickname",
    "username",
    "new-password",
    "current-password",
    "one-time-code",
    "organization-title",
    "organization",
    "street-address",
    "address-line1",
    "address-line2",
    "address-line3",
    "address-level4",
    "address-level3",
    "address-level2",
    "address-level1",
    "country",
    "country-name",
    "postal-code",
    "cc-name",
    "cc-given-name",
    "cc-additional-name",
    "cc-family-name",
    "cc-number",
    "cc-exp",
    "cc-exp-month",
    "cc-exp-year",
    "cc-csc",
    "cc-type",
    "bday",
    "bday-day",
    "bday-month",
    "bday-year",
    "sex",
    "url",
    "tel",
    "tel-national",
    "tel-local",
    "tel-country-code",
    "email",
};

static const char *const set_names[HD_PSET_COUNT] = {
    "text", "check", "password", "date-day", "date-month", "date-year",
};

int hd_purpose_set_parse(const char *name)
{
    for (int i = 0; i < HD_PSET_COUNT; i++) {
        if (strcmp(name, set_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

const char *hd_purpose_set_name(hd_purpose_set set)
{
    return (unsigned)set < HD_PSET_COUNT ? set_names[set] : "";
}

const char *hd_purpose_find(const char *name)
{
    for (size_t i = 0; i < sizeof(vocab) / sizeof(vocab[0]); i++) {
        if (strcmp(name, vocab[i]) == 0) {
            return vocab[i];
        }
    }
    return NULL;
}

bool hd_purpose_is_autofill_name(const char *name, size_t len)
{
    for (size_t i = 0; len && i < sizeof(autofill_names) / sizeof(autofill_names[0]); i++) {
        if (strlen(autofill_names[i]) == len && memcmp(name, autofill_names[i], len) == 0) {
            return true;
        }
    }
    return false;
}

/* One evidence text and the keyword groups it hits. */
typedef struct evidence {
    hd_purpose_text t;
    hd_purpose_hits h;
} evidence;

static void ev_init(evidence *e)
{
    hd_purpose_text_init(&e->t);
}

static void ev_scan(evidence *e, const hd_purpose_table *table)
{
    hd_purpose_table_scan(&e->h, table, &e->t);
}

static const char *first(const evidence *e, const hd_purpose_table *table, hd_purpose_set set)
{
    return hd_purpose_hits_first(&e->h, table, set);
}

static const char *from_autocomplete(const char *ac, const hd_purpose_table *table)
{
    const char *found = NULL;
    const char *p = ac;

    while (*p) {
        const char *start;
        const char *got;
        while (*p == ' ') {
            p++;
        }
        start = p;
        while (*p && *p != ' ') {
            p++;
        }
        got = hd_purpose_table_autofill_find(table, start, (size_t)(p - start));
        found = got ? got : found;
    }
    return found;
}

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

/* "day", "month" or "year" when exactly one part of a date is named, else NULL. */
static const char *date_part(const evidence *e, const hd_purpose_table *table)
{
    bool d = first(e, table, HD_PSET_DAY) != NULL;
    bool m = first(e, table, HD_PSET_MONTH) != NULL;
    bool y = first(e, table, HD_PSET_YEAR) != NULL;

    if (d + m + y != 1) {
        return NULL;
    }
    return d ? "day" : m ? "month" : "year";
}

static const char *text_guess(const evidence *e, const hd_purpose_table *table)
{
    const char *p = first(e, table, HD_PSET_TEXT);
    const char *part;

    if (p && !is(p, "cc-exp") && !is(p, "bday")) {
        return p;
    }
    part = e->t.nc ? date_part(e, table) : NULL;
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

/*
 * The text group named by the last segment of a structured name
 * ("order.address.phoneNumber", "payment[name]", "ctl00$main$txtEmail"),
 * which says more precisely than the whole name what the field is; NULL when
 * the name has one segment or its last names no text group.
 */
static const char *segment_guess(const char *name, const hd_purpose_table *table)
{
    char seg[128];
    size_t end = strlen(name);
    size_t start;
    evidence e;

    while (end > 0 && name[end - 1] == ']') {
        end--;
    }
    start = end;
    while (start > 0 && !strchr(".[/$:", name[start - 1])) {
        start--;
    }
    if (start == 0 || end - start < 2 || end - start >= sizeof(seg)) {
        return NULL;
    }
    memcpy(seg, name + start, end - start);
    seg[end - start] = '\0';
    ev_init(&e);
    hd_purpose_text_add(&e.t, seg);
    ev_scan(&e, table);
    return first(&e, table, HD_PSET_TEXT) ? text_guess(&e, table) : NULL;
}

/* Keyword groups over the three tiers of evidence; a generic answer from the
 * label may be refined by the name ("Name" over name="first_name"). */
static const char *
keyword_guess(const hd_field *f, const hd_field_x *x, bool check, const hd_purpose_table *table)
{
    evidence a;
    evidence b;
    evidence c;
    const char *pa;
    const char *pb;
    bool near = strcmp(f->label_source, "nearby") == 0 || strcmp(f->label_source, "value") == 0;
    hd_purpose_set set = check ? HD_PSET_CHECK : HD_PSET_TEXT;

    if (!table) {
        return NULL;
    }
    ev_init(&a);
    ev_init(&b);
    ev_init(&c);
    hd_purpose_text_add(near ? &c.t : &a.t, f->label);
    hd_purpose_text_add(&a.t, f->placeholder);
    hd_purpose_text_add(&a.t, x->aria_label);
    hd_purpose_text_add(&a.t, x->title);
    hd_purpose_text_add(&b.t, f->name);
    hd_purpose_text_add(&b.t, f->id);
    hd_purpose_text_add(&c.t, x->hint_len ? x->hint : NULL);
    ev_scan(&a, table);
    pa = check ? first(&a, table, set) : text_guess(&a, table);
    if (pa && (check || (!is(pa, "name") && !is(pa, "address-line1") && !is(pa, "cc-exp") &&
                         !is(pa, "bday")))) {
        return pa; /* nothing in the name can refine it */
    }
    ev_scan(&b, table);
    pb = check ? NULL : segment_guess(f->name, table);
    pb = pb ? pb : check ? first(&b, table, set) : text_guess(&b, table);
    if (pa && pb && refines(pa, pb)) {
        return pb;
    }
    if (pa || pb) {
        return pa ? pa : pb;
    }
    ev_scan(&c, table);
    return check ? first(&c, table, set) : text_guess(&c, table);
}

static const char *password_guess(const hd_field *f, const hd_field_x *x, const hd_purpose_form *pf)
{
    evidence n;
    const char *p;

    ev_init(&n);
    hd_purpose_text_add(&n.t, f->label);
    hd_purpose_text_add(&n.t, f->placeholder);
    hd_purpose_text_add(&n.t, x->aria_label);
    hd_purpose_text_add(&n.t, f->name);
    hd_purpose_text_add(&n.t, f->id);
    ev_scan(&n, pf->table);
    p = first(&n, pf->table, HD_PSET_PASSWORD);
    if (p) {
        return p;
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

/*
 * An upload is a receipt (or invoice) unless it asks for a picture of the
 * barcode or UPC cut from the box: proof of purchase in DESIGN.md's sense.
 * The keyword group for proof of purchase also holds "receipt" (for typed
 * receipt numbers), so the barcode words decide here.
 */
static const char *file_guess(const hd_field *f, const hd_field_x *x, const hd_purpose_table *table)
{
    static const char *const barcode[] = { "upc", "barcode", "bar code", "ean", "strichcode",
                                           "code-barre", "code barre", "codigo de barras",
                                           "código de barras", "codice a barre", "streepjescode" };
    const char *p = keyword_guess(f, x, false, table);

    for (size_t i = 0; p && is(p, "proof-of-purchase") && i < sizeof(barcode) / sizeof(*barcode);
         i++) {
        if (hd_ci_contains(f->label, barcode[i]) || hd_ci_contains(f->name, barcode[i])) {
            return p;
        }
    }
    return "receipt-upload";
}

const char *hd_purpose_guess(const hd_field *f, const hd_field_x *x, const hd_purpose_form *pf)
{
    const char *t = f->type;
    const char *ac = from_autocomplete(f->autocomplete, pf->table);
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
        p = keyword_guess(f, x, false, pf->table);
        return p && is(p, "username") ? p : ac;
    }
    if (ac) {
        return ac;
    }
    if (is(t, "checkbox") || is(t, "radio")) {
        p = keyword_guess(f, x, true, pf->table);
        return p ? p : "unknown";
    }
    if (is(t, "file")) {
        return file_guess(f, x, pf->table);
    }
    if (is(t, "search")) {
        return "search";
    }
    p = keyword_guess(f, x, false, pf->table);
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
