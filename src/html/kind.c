/*
 * html/kind.c - the kind of a form: signup, login, checkout, payment,
 * rebate-claim, newsletter, password-change, contact, search, other; and
 * the page's main form. libc only.
 *
 * Two kinds of evidence, both general (no site is named anywhere):
 * - what the fields ask for (their purposes and counts): a card number
 *   makes a payment, two passwords with an identifier a signup, split
 *   one-character boxes a one-time code, a textarea with a name a contact;
 * - words (kind.inc, English, German, French, Spanish, Italian, Portuguese,
 *   Dutch) in the submit controls (text, name and id: the strongest words),
 *   and in the form's text (headings, legends, links such as "Forgot
 *   password?" or "Already have an account?") and class attribute.
 * Fields decide first; words decide between close cases, and alone only in
 * forms that ask for little (one e-mail address, one code). The choices and
 * their measured effect are in docs/evaluation.md.
 */
#include <string.h>
#include <strings.h>

#include "internal.h"

enum {
    C_LOGIN = 1 << 0,
    C_SIGNUP = 1 << 1,
    C_NEWS = 1 << 2,
    C_RESET = 1 << 3,
    C_SEARCH = 1 << 4,
    C_CONTACT = 1 << 5,
    C_REBATE = 1 << 6,
    C_FORGOT = 1 << 7,    /* a "forgot password?" link or "remember me": a sign-in */
    C_MEMBER = 1 << 8,    /* "already have an account?": a sign-up */
    C_NOMEMBER = 1 << 9,  /* "no account yet?": a sign-in */
    C_RULES = 1 << 10,    /* password rules ("at least 8 characters"): a new password */
    C_CHANGE = 1 << 11,   /* "change password", "new password" */
    C_CHECKOUT = 1 << 12, /* shipping, billing, order */
};

typedef struct cue_words {
    unsigned cue;
    const char *const *words;
} cue_words;

#include "kind.inc"

typedef struct tally {
    size_t inputs; /* visible controls that take input */
    size_t checks; /* checkboxes and radios among them */
    size_t email, user, names, tel, address, card_number, card, passwords, typed_pw, pins, ac_new,
        ac_cur, search, textarea, proof, proof_kinds, otp, optin;
    unsigned submit; /* cues in the submit controls */
    unsigned text;   /* cues in the form's text and class */
    unsigned labels; /* cues in the labels of its input fields */
} tally;

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

/* A word starts at i: after a non-alphanumeric byte, or at a case change ("btnLogin"). */
static bool word_start(const char *s, size_t i)
{
    unsigned char p = i ? (unsigned char)s[i - 1] : ' ';
    unsigned char c = (unsigned char)s[i];
    bool alnum =
        (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z') || (p >= '0' && p <= '9') || p >= 0x80;

    return !alnum || (p >= 'a' && p <= 'z' && c >= 'A' && c <= 'Z');
}

static unsigned char lower_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

#define MAX_CUE_WORDS 512

typedef struct cue_word {
    const char *word;
    size_t len;
    unsigned cue;
} cue_word;

/* The cue words whose first byte is marked in `firsts`; returns how many. */
static size_t collect_words(cue_word *out, unsigned char *firsts)
{
    size_t n = 0;

    for (size_t i = 0; i < sizeof(cue_table) / sizeof(cue_table[0]); i++) {
        for (size_t w = 0; cue_table[i].words[w] && n < MAX_CUE_WORDS; w++) {
            out[n].word = cue_table[i].words[w];
            out[n].len = strlen(out[n].word);
            out[n].cue = cue_table[i].cue;
            firsts[(unsigned char)out[n].word[0]] = 1;
            n++;
        }
    }
    return n;
}

/*
 * The cues whose words occur in `s` at the start of a word. One pass: at
 * each word start whose first letter begins some word, only those words
 * are compared.
 */
static unsigned cues_of(const char *s)
{
    cue_word words[MAX_CUE_WORDS];
    unsigned char firsts[256] = { 0 };
    size_t n;
    unsigned out = 0;

    if (!s || !*s) {
        return 0;
    }
    n = collect_words(words, firsts);
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = lower_ascii((unsigned char)s[i]);
        if (!firsts[c] || !word_start(s, i)) {
            continue;
        }
        for (size_t w = 0; w < n; w++) {
            if ((unsigned char)words[w].word[0] == c && !(out & words[w].cue) &&
                strncasecmp(s + i, words[w].word, words[w].len) == 0) {
                out |= words[w].cue;
            }
        }
    }
    return out;
}

static bool is_button(const hd_field *f)
{
    return is(f->tag, "button") || is(f->type, "submit") || is(f->type, "image") ||
           is(f->type, "button") || is(f->type, "reset");
}

static bool is_submit(const hd_field *f)
{
    return is(f->type, "submit") || is(f->type, "image");
}

/* Split one-character boxes of a code (PIN, one-time code), not a password. */
static bool is_code_box(const hd_field *f)
{
    return f->maxlength >= 1 && f->maxlength <= 2 &&
           (is(f->type, "password") || is(f->type, "text") || is(f->type, "tel") ||
            is(f->type, "number"));
}

static void count_proof(tally *t, const char *p)
{
    static const char *const proofs[] = { "receipt-upload", "proof-of-purchase", "serial-number",
                                          "purchase-date" };

    for (size_t i = 0; i < 4; i++) {
        if (is(p, proofs[i])) {
            t->proof++;
            t->proof_kinds |= (size_t)1 << i;
        }
    }
}

static void count(tally *t, const hd_field *f)
{
    const char *p = f->purpose;

    if (f->visible && is_submit(f)) {
        t->submit |= cues_of(f->label) | cues_of(f->name) | cues_of(f->id);
    }
    if (!f->visible || is_button(f)) {
        return;
    }
    t->inputs++;
    t->checks += is(f->type, "checkbox") || is(f->type, "radio");
    t->labels |= cues_of(f->label) | cues_of(f->name);
    t->email += is(p, "email");
    t->user += is(p, "username");
    t->names += is(p, "name") || is(p, "given-name") || is(p, "family-name");
    t->tel += is(p, "tel");
    t->address += strncmp(p, "address", 7) == 0 || is(p, "street-address") ||
                  is(p, "postal-code") || is(p, "country");
    t->card_number += is(p, "cc-number");
    t->card += is(p, "cc-csc") || strncmp(p, "cc-exp", 6) == 0;
    t->pins += is_code_box(f);
    /* a password typed in the clear (type=text) counts; an e-mail field never does */
    t->passwords += (is(f->type, "password") || (is(f->type, "text") && strstr(p, "-password"))) &&
                    !is_code_box(f);
    t->typed_pw += is(f->type, "password");
    t->ac_new += is(f->ac_field, "new-password");
    t->ac_cur += is(f->ac_field, "current-password");
    t->search += is(p, "search");
    t->textarea += is(f->tag, "textarea");
    t->optin += is(p, "marketing-opt-in");
    t->otp += is(p, "one-time-code");
    count_proof(t, p);
}

static size_t popcount(size_t v)
{
    size_t n = 0;

    for (; v; v &= v - 1) {
        n++;
    }
    return n;
}

static bool has_id(const tally *t)
{
    return t->email || t->user || t->names || t->tel;
}

/* One password: a sign-in unless the words lean to a sign-up. */
static const char *one_password(const tally *t)
{
    unsigned all = t->submit | t->text;
    int up = 0;
    int in = 0;

    up += (t->submit & C_SIGNUP) && !(t->submit & C_LOGIN) ? 4 : 0;
    in += (t->submit & C_LOGIN) && !(t->submit & C_SIGNUP) ? 4 : 0;
    up += t->ac_new ? 2 : 0;
    in += t->ac_cur ? 2 : 0;
    up += all & C_MEMBER ? 2 : 0;
    up += all & C_RULES ? 2 : 0;
    in += all & C_NOMEMBER ? 2 : 0;
    in += all & C_FORGOT ? 2 : 0;
    up += t->text & C_SIGNUP ? 1 : 0;
    in += t->text & C_LOGIN ? 1 : 0;
    up += t->names || t->email >= 2 ? 2 : 0;
    up += t->inputs - t->checks >= 4 ? 2 : 0;
    return up > in ? "signup" : "login";
}

static const char *with_passwords(const tally *t)
{
    unsigned all = t->submit | t->text;

    if (t->passwords >= 2) {
        return has_id(t) && !(all & C_CHANGE) && !(t->submit & C_RESET) ? "signup"
                                                                        : "password-change";
    }
    return one_password(t);
}

/* Forms that ask for one identifier or less: the words decide. */
static const char *few_fields(const tally *t)
{
    unsigned all = t->submit | t->text;

    if (t->submit & C_LOGIN) {
        return "login";
    }
    if (all & C_RESET) {
        return "password-change";
    }
    if (t->email && ((all & C_NEWS) || t->optin)) {
        return "newsletter";
    }
    if (t->submit & C_LOGIN || ((t->email || t->user) && (t->text & C_LOGIN))) {
        return "login";
    }
    if ((t->email || t->user) && (all & C_SIGNUP)) {
        return "signup";
    }
    return "other";
}

static const char *by_fields(const tally *t)
{
    unsigned all = t->submit | t->text;
    size_t asks = t->inputs - t->checks; /* fields that take typing or a choice */

    if (popcount(t->proof_kinds) >= 2 || (t->proof && (all & C_REBATE))) {
        return "rebate-claim";
    }
    if (t->address >= 2 && ((all | t->labels) & C_CHECKOUT)) {
        return "checkout";
    }
    if (t->textarea && (((t->email || t->tel) && t->names) || (all & C_CONTACT))) {
        return "contact";
    }
    if (t->email && !t->textarea && asks <= 4 && ((all & C_NEWS) || t->optin >= 2)) {
        return "newsletter";
    }
    if (asks <= 2) {
        return few_fields(t);
    }
    if ((t->email || t->user || t->tel) && t->names && asks >= 3) {
        return "signup";
    }
    return (all & C_REBATE) && asks >= 3 ? "rebate-claim" : "other";
}

static const char *decide(const tally *t)
{
    size_t asks = t->inputs - t->checks;

    if (t->inputs == 0) {
        return "other";
    }
    if (!t->typed_pw && asks <= 2 && (t->search || (t->labels & C_SEARCH)) && !t->email) {
        return "search";
    }
    if (t->card_number || t->card >= 2) {
        if (t->passwords >= 2 && has_id(t) && !((t->submit | t->text) & C_CHANGE)) {
            return "signup"; /* an account opened with a card: a trial or a subscription */
        }
        return t->address >= 2 ? "checkout" : "payment";
    }
    if (t->passwords) {
        return with_passwords(t);
    }
    if ((t->otp || t->pins >= 4) && asks <= t->pins + 2) {
        return "login";
    }
    return by_fields(t);
}

/*
 * The words of a form's action that name it: the last two segments of an
 * http(s) URL's path ("/customer/account/login/" -> "account login"), the
 * last one of a local file's (its folders are the user's, not the site's).
 */
static unsigned action_cues(const char *action)
{
    const char *path = strstr(action, "://");
    const char *end;
    const char *cut;
    char words[256];
    size_t len;
    int keep = strncmp(action, "file:", 5) == 0 ? 1 : 2;

    path = path ? strchr(path + 3, '/') : action;
    if (!path) {
        return 0;
    }
    end = path + strcspn(path, "?#");
    while (end > path && end[-1] == '/') {
        end--;
    }
    for (cut = end; cut > path && keep > 0; keep -= *cut == '/') {
        cut--;
    }
    len = (size_t)(end - cut) < sizeof(words) - 1 ? (size_t)(end - cut) : sizeof(words) - 1;
    memcpy(words, cut, len);
    words[len] = '\0';
    return cues_of(words);
}

const char *hd_kind_classify(const hd_field *fields, size_t n, long form, const char *text,
                             const char *klass, const hd_form *fm)
{
    tally t;

    memset(&t, 0, sizeof(t));
    for (size_t i = 0; i < n; i++) {
        if (fields[i].form == form) {
            count(&t, &fields[i]);
        }
    }
    t.text = cues_of(text) | cues_of(klass);
    if (fm) {
        t.text |= cues_of(fm->id) | cues_of(fm->name) | action_cues(fm->action);
    }
    return decide(&t);
}

/*
 * How much a control weighs in choosing the main form: a field to type in
 * or a select 2, a checkbox 1 (a toggle: consent, settings, filters), a
 * group of radios 2 once (one question), buttons and CAPTCHAs nothing.
 */
static size_t weight(const hd_field *fields, size_t i)
{
    const hd_field *f = &fields[i];

    if (!f->visible || is_button(f) || is(f->purpose, "captcha")) {
        return 0;
    }
    if (is(f->type, "checkbox")) {
        return 1;
    }
    if (is(f->type, "radio")) {
        for (size_t j = i, back = 0; j-- > 0 && back < 16; back++) {
            if (fields[j].form == f->form && is(fields[j].type, "radio")) {
                return is(fields[j].name, f->name) && *f->name ? 0 : 2;
            }
        }
    }
    return 2;
}

/* Forms past the first MAIN_FORMS are weighed by their count of visible controls. */
#define MAIN_FORMS 256

long hd_page_main_form(const hd_page *page)
{
    size_t w[MAIN_FORMS] = { 0 };
    size_t best = 0;
    long best_form = -2;
    size_t orphans = 0;

    for (size_t i = 0; i < page->nfields; i++) {
        long f = page->fields[i].form;
        if (f < 0 || (size_t)f >= page->nforms) {
            orphans += weight(page->fields, i);
        } else if (f < MAIN_FORMS) {
            w[f] += weight(page->fields, i);
        }
    }
    for (size_t f = 0; f < page->nforms; f++) {
        size_t v = f < MAIN_FORMS ? w[f] : 2 * page->forms[f].nvisible;
        if (v > best) {
            best = v;
            best_form = (long)f;
        }
    }
    return orphans > best ? -1 : best_form;
}

const char *hd_page_main_form_kind(const hd_page *page)
{
    long f = hd_page_main_form(page);

    if (f == -1) {
        return hd_kind_classify(
            page->fields, page->nfields, -1,
            page->scopes[HD_SCOPE_TEXT].text ? page->scopes[HD_SCOPE_TEXT].text : "", "", NULL);
    }
    return f >= 0 ? page->forms[f].kind : "other";
}
