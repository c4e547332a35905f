/*
 * html/fieldattr.c - what a control's attributes and label say beyond their
 * text: the autocomplete attribute read as the HTML standard defines it
 * (https://html.spec.whatwg.org/multipage/form-control-infrastructure.html
 * #autofill-detail-tokens), and a label that marks its field as required.
 */
#include <string.h>

#include "internal.h"

typedef struct token {
    const char *s;
    size_t len;
} token;

static bool tok_is(const token *t, const char *word)
{
    return t->len == strlen(word) && memcmp(t->s, word, t->len) == 0;
}

/* Splits on ASCII whitespace; at most `max` tokens, the count is returned. */
static size_t split(const char *s, token *out, size_t max)
{
    size_t n = 0;

    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
            s++;
        }
        if (!*s) {
            break;
        }
        if (n == max) {
            return max + 1; /* too many tokens: not a valid detail list */
        }
        out[n].s = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f') {
            s++;
        }
        out[n].len = (size_t)(s - out[n].s);
        n++;
    }
    return n;
}

/*
 * [section-*] [shipping | billing] [home | work | mobile | fax | pager] field
 * [webauthn], or a lone "on" / "off" (the attribute is lower-cased already).
 */
int hd_field_autocomplete(hd_field *fl, hd_arena *arena)
{
    token t[6];
    size_t n = split(fl->autocomplete, t, 5);
    size_t i = 0;

    fl->ac_section = "";
    fl->ac_hint = "";
    fl->ac_field = "";
    if (n == 1 && (tok_is(&t[0], "on") || tok_is(&t[0], "off"))) {
        fl->ac_field = tok_is(&t[0], "on") ? "on" : "off";
        return HURDLE_OK;
    }
    if (n == 0 || n > 5) {
        return HURDLE_OK;
    }
    if (n > 1 && tok_is(&t[n - 1], "webauthn")) {
        n--;
    }
    if (!hd_purpose_is_autofill_name(t[n - 1].s, t[n - 1].len)) {
        return HURDLE_OK;
    }
    if (t[i].len > 8 && memcmp(t[i].s, "section-", 8) == 0) {
        fl->ac_section = hd_arena_strndup(arena, t[i].s, t[i].len);
        i++;
    }
    if (i < n - 1 && (tok_is(&t[i], "shipping") || tok_is(&t[i], "billing"))) {
        fl->ac_hint = tok_is(&t[i], "shipping") ? "shipping" : "billing";
        i++;
    }
    fl->ac_field = hd_arena_strndup(arena, t[n - 1].s, t[n - 1].len);
    return fl->ac_field && fl->ac_section ? HURDLE_OK : HURDLE_ENOMEM;
}

bool hd_field_label_marks_required(const char *label)
{
    static const char *const marks[] = {
        "(required)",    "(obligatoire)", "(erforderlich)", "(pflichtfeld)", "(requerido)",
        "(obligatorio)", "(obbligatorio)", "(verplicht)",   "(obrigatório)", "(obrigatorio)",
    };
    size_t n = strlen(label);

    if (n && (label[0] == '*' || label[n - 1] == '*' || strstr(label, " *") != NULL)) {
        return true;
    }
    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        if (hd_ci_contains(label, marks[i])) {
            return true;
        }
    }
    return false;
}
