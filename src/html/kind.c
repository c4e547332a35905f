/*
 * html/kind.c - the kind of a form from what its fields ask for and a
 * little of its text: signup, login, checkout, payment, rebate-claim,
 * newsletter, password-change, contact, search, other. Field purposes are
 * the main evidence (a card number makes a payment, a new password with
 * an identifier a signup); words decide between close cases. libc only.
 */
#include <string.h>

#include "internal.h"

typedef struct tally {
    size_t inputs, email, user, names, tel, address, card, passwords, newpw, curpw, search,
        textarea, proof, otp;
} tally;

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static void count(tally *t, const hd_field *f)
{
    const char *p = f->purpose;

    if (!f->visible || is(f->tag, "button") || is(f->type, "submit") || is(f->type, "image") ||
        is(f->type, "button") || is(f->type, "reset")) {
        return;
    }
    t->inputs++;
    t->email += is(p, "email");
    t->user += is(p, "username");
    t->names += is(p, "name") || is(p, "given-name") || is(p, "family-name");
    t->tel += is(p, "tel");
    t->address += strncmp(p, "address", 7) == 0 || is(p, "street-address") ||
                  is(p, "postal-code") || is(p, "country");
    t->card += is(p, "cc-number") || is(p, "cc-csc") || is(p, "cc-exp") || is(p, "cc-exp-month");
    t->passwords += is(f->type, "password");
    t->newpw += is(p, "new-password");
    t->curpw += is(p, "current-password");
    t->search += is(p, "search");
    t->textarea += is(f->tag, "textarea");
    t->proof += is(p, "receipt-upload") || is(p, "proof-of-purchase") || is(p, "serial-number") ||
                is(p, "purchase-date") || is(p, "store-name");
    t->otp += is(p, "one-time-code");
}

static bool says(const char *text, const char *const *words)
{
    for (size_t i = 0; words[i]; i++) {
        if (hd_ci_contains(text, words[i])) {
            return true;
        }
    }
    return false;
}

static bool says2(const char *text, const char *klass, const char *const *words)
{
    return says(text, words) || says(klass, words);
}

static const char *by_words(const tally *t, const char *text, const char *klass)
{
    static const char *const rebate[] = { "rebate", "claim", "cashback", "cash back", NULL };
    static const char *const news[] = { "newsletter", "subscribe", "sign up for", "updates",
                                        "abonn",      "suscrib",   NULL };
    static const char *const contact[] = { "contact",  "message", "enquiry", "inquiry",
                                           "question", "kontakt", NULL };
    static const char *const checkout[] = { "checkout", "check out",   "shipping",   "delivery",
                                            "billing",  "place order", "your order", NULL };

    if (t->proof || (says2(text, klass, rebate) && t->inputs >= 3)) {
        return "rebate-claim";
    }
    if (t->address >= 2 && says2(text, klass, checkout)) {
        return "checkout";
    }
    if (t->textarea && (t->email || t->names || says2(text, klass, contact))) {
        return "contact";
    }
    if (t->email && t->inputs <= 3 && (says2(text, klass, news) || t->inputs == 1)) {
        return "newsletter";
    }
    if (t->address >= 2) {
        return "checkout";
    }
    if ((t->email || t->user || t->tel) && t->names && t->inputs >= 3) {
        return "signup";
    }
    return "other";
}

const char *
hd_kind_classify(const hd_field *fields, size_t n, long form, const char *text, const char *klass)
{
    static const char *const signup[] = { "sign up",           "signup",
                                          "register",          "create account",
                                          "create an account", "join",
                                          "registr",           NULL };
    tally t;

    memset(&t, 0, sizeof(t));
    for (size_t i = 0; i < n; i++) {
        if (fields[i].form == form) {
            count(&t, &fields[i]);
        }
    }
    if (t.inputs == 0) {
        return "other";
    }
    if (t.search && t.inputs <= 2) {
        return "search";
    }
    if (t.card) {
        return t.address >= 2 || t.email ? "checkout" : "payment";
    }
    if (t.passwords >= 2 && (t.curpw || !(t.email || t.user || t.names || t.tel))) {
        return "password-change";
    }
    if (t.newpw || (t.passwords && (t.names || t.inputs >= 4))) {
        return "signup";
    }
    if (t.passwords) {
        return says(text, signup) && !t.curpw && t.inputs >= 3 ? "signup" : "login";
    }
    if (t.otp && t.inputs <= 2) {
        return "login";
    }
    return by_words(&t, text, klass);
}
