/*
 * html/form.c - forms and fields: what the walk records for each control
 * and form, and, once the walk is over, each field's label (label[for],
 * wrapping label, aria-labelledby, aria-label, a button's own text,
 * placeholder, title, the text just before it), the form= attribute, the
 * forms' counts, purposes and kinds, and the LABELS scope.
 *
 * Invariants: a field's index is its position among all input, select,
 * textarea and button elements in document order, hidden ones included,
 * whether or not it was analysed (past max_fields it is only counted).
 * label[for] and aria-labelledby go through maps built in the walk, so
 * labelling is linear in the page. Strings from the DOM (hd_field_x) are
 * borrowed until the walk's document is freed; hd_field's are in the arena.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

#define LABEL_MAX  200
#define NEARBY_MAX 80

static const char *tag_name(int tag)
{
    switch (tag) {
    case T_SELECT:
        return "select";
    case T_TEXTAREA:
        return "textarea";
    case T_BUTTON:
        return "button";
    default:
        return "input";
    }
}

static char *lower_dup(hd_arena *arena, const char *s, size_t max)
{
    char *out = hd_text_squeeze(arena, s, strlen(s), max);

    for (char *p = out; p && *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (char)(*p + 32);
        }
    }
    return out;
}

static long parse_long(const char *s)
{
    char *end = NULL;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    return (errno || end == s || v < 0) ? -1 : v;
}

static const char *chk(const char *p, int *fails)
{
    *fails += p ? 0 : 1;
    return p;
}

/* Reads the control's attributes; hd_field strings go to the arena. */
static int read_attrs(hd_walk *w, hd_field *fl, hd_field_x *x, const xmlNode *node)
{
    hd_arena *ar = &w->page->arena;
    int fails = 0;

    for (const xmlAttr *a = node->properties; a; a = a->next) {
        const char *n = (const char *)a->name;
        const char *v =
            a->children && a->children->content ? (const char *)a->children->content : "";
        if (strcmp(n, "type") == 0) {
            fl->type = chk(lower_dup(ar, v, 32), &fails);
        } else if (strcmp(n, "name") == 0) {
            fl->name = chk(hd_text_squeeze(ar, v, strlen(v), 256), &fails);
        } else if (strcmp(n, "id") == 0) {
            fl->id = chk(hd_text_squeeze(ar, v, strlen(v), 256), &fails);
        } else if (strcmp(n, "placeholder") == 0) {
            fl->placeholder = chk(hd_text_squeeze(ar, v, strlen(v), LABEL_MAX), &fails);
        } else if (strcmp(n, "autocomplete") == 0) {
            fl->autocomplete = chk(lower_dup(ar, v, 128), &fails);
        } else if (strcmp(n, "pattern") == 0) {
            fl->pattern = chk(hd_arena_strndup(ar, v, hd_utf8_cut(v, strlen(v), 512)), &fails);
        } else if (strcmp(n, "maxlength") == 0) {
            fl->maxlength = parse_long(v);
        } else if (strcmp(n, "minlength") == 0) {
            fl->minlength = parse_long(v);
        } else if (strcmp(n, "min") == 0) {
            fl->min = chk(hd_text_squeeze(ar, v, strlen(v), 64), &fails);
        } else if (strcmp(n, "max") == 0) {
            fl->max = chk(hd_text_squeeze(ar, v, strlen(v), 64), &fails);
        } else if (strcmp(n, "checked") == 0) {
            fl->checked = true;
        } else if (strcmp(n, "required") == 0) {
            fl->required = true;
        } else if (strcmp(n, "aria-required") == 0 && strcmp(v, "true") == 0) {
            fl->required = true;
        } else if (strcmp(n, "aria-label") == 0) {
            x->aria_label = v;
        } else if (strcmp(n, "aria-labelledby") == 0) {
            x->labelledby = v;
        } else if (strcmp(n, "title") == 0) {
            x->title = v;
        } else if (strcmp(n, "value") == 0) {
            x->value = v;
        } else if (strcmp(n, "form") == 0) {
            x->form_attr = v;
        } else if (strcmp(n, "class") == 0) {
            x->klass = v;
        }
    }
    return fails ? HURDLE_ENOMEM : HURDLE_OK;
}

static void field_defaults(hd_field *fl, int tag)
{
    static const char empty[] = "";

    if (!fl->type) {
        fl->type = tag == T_INPUT ? "text" : tag == T_BUTTON ? "submit" : empty;
    }
    fl->name = fl->name ? fl->name : empty;
    fl->id = fl->id ? fl->id : empty;
    fl->placeholder = fl->placeholder ? fl->placeholder : empty;
    fl->autocomplete = fl->autocomplete ? fl->autocomplete : empty;
    fl->pattern = fl->pattern ? fl->pattern : empty;
    fl->min = fl->min ? fl->min : empty;
    fl->max = fl->max ? fl->max : empty;
    fl->label = empty;
    fl->label_source = empty;
    fl->purpose = "unknown";
}

static bool is_button(const hd_field *fl)
{
    const char *t = fl->type;
    return fl->tag[0] == 'b' || strcmp(t, "submit") == 0 || strcmp(t, "button") == 0 ||
           strcmp(t, "reset") == 0 || strcmp(t, "image") == 0;
}

/* The last line of the text written since the previous control. */
static const char *nearby(hd_walk *w)
{
    const hd_buf *t = &w->scopes[HD_SCOPE_TEXT].text;
    size_t from = w->nearby_off;

    if (from >= t->len) {
        return NULL;
    }
    for (size_t i = t->len; i > from; i--) {
        if (t->ptr[i - 1] == '\n') {
            from = i;
            break;
        }
    }
    if (t->len - from > NEARBY_MAX * 2) {
        from = t->len - NEARBY_MAX * 2;
        while (from < t->len && ((unsigned char)t->ptr[from] & 0xC0) == 0x80) {
            from++;
        }
    }
    return hd_text_squeeze(&w->page->arena, t->ptr + from, t->len - from, NEARBY_MAX);
}

static int button_scope(hd_walk *w, hd_frame *f, const hd_field *fl, const hd_field_x *x)
{
    const char *v = x->value;
    hd_scope_writer *sw = &w->scopes[HD_SCOPE_BUTTONS];

    if (!fl->visible || fl->tag[0] != 'i') {
        return HURDLE_OK;
    }
    if (!v || !*v) {
        v = strcmp(fl->type, "submit") == 0 ? "Submit" : "";
    }
    if (!*v) {
        return HURDLE_OK;
    }
    hd_scope_block(sw);
    sw->owner = NULL;
    return hd_scope_add(sw, v, strlen(v), f->node, fl->path, fl->ignore);
}

int hd_form_field(hd_walk *w, hd_frame *f, int tag)
{
    size_t idx = w->controls++;
    hd_field *fl;
    hd_field_x *x;
    int rc;

    if (w->fields.len >= w->lim.max_fields) {
        if (!w->fields_cut) {
            w->fields_cut = true;
            hd_page_warn(w->page, "more than %zu form controls; the rest were not analysed",
                         w->lim.max_fields);
        }
        return HURDLE_OK;
    }
    fl = hd_vec_push(&w->fields);
    x = fl ? hd_vec_push(&w->fieldx) : NULL;
    if (!x) {
        return HURDLE_ENOMEM;
    }
    fl->index = idx;
    fl->tag = tag_name(tag);
    fl->maxlength = -1;
    fl->minlength = -1;
    fl->form = f->form;
    fl->text_off = w->scopes[HD_SCOPE_TEXT].text.len;
    x->node = f->node;
    rc = read_attrs(w, fl, x, f->node);
    if (rc < 0) {
        return rc;
    }
    field_defaults(fl, tag);
    fl->visible = !(f->flags & HF_HIDDEN) && strcmp(fl->type, "hidden") != 0;
    fl->path = hd_walk_path(w, f);
    fl->ignore = f->ignore;
    x->nearby = fl->visible ? nearby(w) : NULL;
    w->nearby_off = w->scopes[HD_SCOPE_TEXT].text.len;
    if (tag == T_SELECT || tag == T_BUTTON || tag == T_TEXTAREA) {
        f->field = (long)w->fields.len - 1;
        f->flags |= tag == T_BUTTON ? 0u : (unsigned)HF_NOTEXT;
    }
    return button_scope(w, f, fl, x);
}

int hd_form_open(hd_walk *w, hd_frame *f)
{
    hd_arena *ar = &w->page->arena;
    hd_form *fm;
    hd_form_x *fx;
    const char *id = hd_attr(f->node, "id");
    const char *name = hd_attr(f->node, "name");
    const char *method = hd_attr(f->node, "method");
    const char *action = hd_attr(f->node, "action");

    if (w->forms.len >= w->lim.max_fields) {
        return HURDLE_OK;
    }
    fm = hd_vec_push(&w->forms);
    fx = fm ? hd_vec_push(&w->formx) : NULL;
    if (!fx) {
        return HURDLE_ENOMEM;
    }
    fm->kind = "other";
    fm->path = hd_walk_path(w, f);
    fm->id = hd_text_squeeze(ar, id ? id : "", id ? strlen(id) : 0, 256);
    fm->name = hd_text_squeeze(ar, name ? name : "", name ? strlen(name) : 0, 256);
    fm->method = method && *method ? lower_dup(ar, method, 16) : "get";
    fm->action = action && *action ? hd_link_resolve(w, action) : "";
    fm->submit = "";
    fx->node = f->node;
    fx->klass = hd_attr(f->node, "class");
    fx->text = "";
    f->form = (long)w->forms.len - 1;
    if (!fm->id || !fm->name || !fm->method || !fm->action) {
        return HURDLE_ENOMEM;
    }
    if (id && *id) {
        return hd_smap_add(&w->form_ids, id, (const void *)(size_t)w->forms.len);
    }
    return HURDLE_OK;
}

void hd_form_close(hd_walk *w, hd_frame *f)
{
    const hd_buf *t = &w->scopes[HD_SCOPE_TEXT].text;
    size_t from = f->text_off > 150 ? f->text_off - 150 : 0;
    hd_form_x *fx;

    if (f->form < 0 || (size_t)f->form >= w->formx.len) {
        return;
    }
    fx = hd_vec_at(&w->formx, (size_t)f->form);
    if (fx->node != f->node) {
        return;
    }
    while (from < t->len && ((unsigned char)t->ptr[from] & 0xC0) == 0x80) {
        from++;
    }
    fx->text = hd_walk_text_since(w, from, 600);
    if (!fx->text) {
        fx->text = "";
    }
}

void hd_form_label_close(hd_walk *w, hd_frame *f)
{
    const char *forid = hd_attr(f->node, "for");
    const char *text = hd_walk_text_since(w, f->text_off, LABEL_MAX);

    if (text && !*text && (f->flags & HF_HIDDEN)) {
        text = hd_form_gather(w, f->node, LABEL_MAX);
    }
    if (!text) {
        return;
    }
    if (forid && *forid) {
        hd_smap_add(&w->label_for, forid, text);
    }
    for (size_t i = f->field_mark; i < w->fieldx.len; i++) {
        hd_field_x *x = hd_vec_at(&w->fieldx, i);
        if (!x->wrap_label) {
            x->wrap_label = text;
        }
    }
}

void hd_form_button_close(hd_walk *w, hd_frame *f)
{
    hd_field_x *x;

    if (f->field < 0 || (size_t)f->field >= w->fieldx.len) {
        return;
    }
    x = hd_vec_at(&w->fieldx, (size_t)f->field);
    if (x->node == f->node) {
        x->own_text = hd_walk_text_since(w, f->text_off, LABEL_MAX);
    }
}

const char *hd_form_gather(hd_walk *w, const xmlNode *node, size_t max)
{
    hd_buf b = HD_BUF_INIT(w->ctx, max * 2 + 64);
    const xmlNode *n = node->children;
    const char *out;

    while (n && b.len < max * 2) {
        bool skip = n->type == XML_ELEMENT_NODE && (strcmp((const char *)n->name, "script") == 0 ||
                                                    strcmp((const char *)n->name, "style") == 0);
        if (n->type == XML_TEXT_NODE && n->content) {
            size_t len = strlen((const char *)n->content);
            size_t room = max * 2 - b.len;
            hd_buf_put(&b, (const char *)n->content,
                       hd_utf8_cut((const char *)n->content, len, room));
            hd_buf_putc(&b, ' ');
        }
        if (!skip && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != node && !n->next) {
            n = n->parent;
        }
        n = (n && n != node) ? n->next : NULL;
    }
    out = hd_text_squeeze(&w->page->arena, b.ptr, b.len, max);
    hd_buf_dispose(&b);
    return out;
}

static const char *labelledby(hd_walk *w, const char *ids)
{
    char buf[LABEL_MAX * 2 + 2];
    size_t n = 0;
    const char *p = ids;

    while (*p && n < LABEL_MAX) {
        char id[128];
        size_t k = 0;
        const xmlNode *node;
        const char *t;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        while (*p && *p != ' ' && *p != '\t') {
            if (k + 1 < sizeof(id)) {
                id[k++] = *p;
            }
            p++;
        }
        id[k] = '\0';
        node = k ? hd_smap_find(&w->ids, id) : NULL;
        t = node ? hd_form_gather(w, node, LABEL_MAX) : NULL;
        if (t && *t) {
            size_t len = hd_utf8_cut(t, strlen(t), LABEL_MAX * 2 - n);
            memcpy(buf + n, t, len);
            n += len;
            buf[n++] = ' ';
        }
    }
    return hd_text_squeeze(&w->page->arena, buf, n, LABEL_MAX);
}

static const char *squeeze(hd_walk *w, const char *s)
{
    return s ? hd_text_squeeze(&w->page->arena, s, strlen(s), LABEL_MAX) : NULL;
}

/* The first non-empty candidate in the house order. */
static void resolve_label(hd_walk *w, hd_field *fl, const hd_field_x *x)
{
    bool button = is_button(fl);
    const char *c[8] = { NULL };
    static const char *const src[8] = { "label-for", "label-wrap",  "aria-labelledby", "aria-label",
                                        "value",     "placeholder", "title",           "nearby" };

    c[0] = *fl->id ? hd_smap_find(&w->label_for, fl->id) : NULL;
    c[1] = x->wrap_label;
    c[2] = x->labelledby && *x->labelledby ? labelledby(w, x->labelledby) : NULL;
    c[3] = squeeze(w, x->aria_label);
    if (button) {
        c[4] = x->own_text && *x->own_text ? x->own_text : squeeze(w, x->value);
    }
    c[5] = fl->placeholder;
    c[6] = squeeze(w, x->title);
    c[7] = strcmp(fl->type, "hidden") == 0 ? NULL : x->nearby;
    for (size_t i = 0; i < 8; i++) {
        if (c[i] && *c[i]) {
            fl->label = c[i];
            fl->label_source = src[i];
            return;
        }
    }
}

static bool form_says(const char *text, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (hd_ci_contains(text, words[i])) {
            return true;
        }
    }
    return false;
}

/* In a sign-in form the e-mail field is the account's identifier: "username",
 * as WHATWG asks sign-in forms to mark it. */
static void login_identifier(hd_field *fields, size_t n, long form, const hd_purpose_form *pf)
{
    bool login = (pf->passwords == 1 && pf->current == 1 && pf->inputs <= 3) ||
                 (pf->passwords == 0 && pf->inputs == 1 && pf->login_words && !pf->signup_words);

    for (size_t i = 0; login && i < n; i++) {
        if (fields[i].form == form && fields[i].visible &&
            strcmp(fields[i].purpose, "email") == 0) {
            fields[i].purpose = "username";
        }
    }
}

/* Purposes of the fields of form `form` (-1: outside any form). */
static void purposes(hd_walk *w, long form, const char *text)
{
    static const char *const signup[] = {
        "sign up",      "signup",          "register", "registr", "create", "join",
        "new password", "confirm",         "repeat",   "change",  "reset",  "choose",
        "inscri",       "konto erstellen", "regist",   "crear"
    };
    static const char *const current[] = { "current", "old password", "existing" };
    static const char *const login[] = { "sign in",  "log in",    "login",       "signin",
                                         "anmelden", "connexion", "iniciar ses", "entrar",
                                         "войти",    "inloggen",  "accedi",      "se connecter" };
    hd_field *fields = w->fields.ptr;
    hd_field_x *xs = w->fieldx.ptr;
    hd_purpose_form pf = { 0, 0, 0, 0, false, false, false, w->lim.purposes };

    for (size_t i = 0; i < w->fields.len; i++) {
        if (fields[i].form != form || !fields[i].visible || is_button(&fields[i])) {
            continue;
        }
        pf.inputs++;
        pf.passwords += strcmp(fields[i].type, "password") == 0 ? 1u : 0u;
    }
    pf.login_words = form_says(text, login, sizeof(login) / sizeof(login[0]));
    pf.signup_words = form_says(text, signup, sizeof(signup) / sizeof(signup[0]));
    pf.current_words = form_says(text, current, sizeof(current) / sizeof(current[0]));
    for (size_t i = 0; i < w->fields.len; i++) {
        if (fields[i].form != form) {
            continue;
        }
        fields[i].purpose = hd_purpose_guess(&fields[i], &xs[i], &pf);
        if (strcmp(fields[i].type, "password") == 0 && fields[i].visible) {
            pf.password_pos++;
            pf.current += strcmp(fields[i].purpose, "current-password") == 0 ? 1u : 0u;
        }
    }
    login_identifier(fields, w->fields.len, form, &pf);
}

static void count_forms(hd_walk *w)
{
    hd_field *fields = w->fields.ptr;
    hd_form *forms = w->forms.ptr;

    for (size_t i = 0; i < w->fields.len; i++) {
        hd_field *fl = &fields[i];
        hd_form *fm;
        if (fl->form < 0 || (size_t)fl->form >= w->forms.len) {
            continue;
        }
        fm = &forms[fl->form];
        fm->nfields++;
        fm->nrequired += fl->required ? 1u : 0u;
        if (fl->visible && !is_button(fl)) {
            fm->nvisible++;
        }
        if (!*fm->submit && fl->visible && is_button(fl) && strcmp(fl->type, "submit") == 0) {
            fm->submit = fl->label;
        }
    }
}

static int labels_scope(hd_walk *w)
{
    hd_scope_writer *sw = &w->scopes[HD_SCOPE_LABELS];
    const hd_field *fields = w->fields.ptr;

    for (size_t i = 0; i < w->fields.len; i++) {
        const hd_field *fl = &fields[i];
        int rc;
        if (!*fl->label || !fl->visible) {
            continue;
        }
        hd_scope_block(sw);
        rc = hd_scope_add(sw, fl->label, strlen(fl->label), fl, fl->path, fl->ignore);
        if (rc < 0) {
            return rc;
        }
    }
    return HURDLE_OK;
}

static int copy_out(hd_walk *w)
{
    hd_page *page = w->page;

    if (w->fields.len) {
        page->fields = hd_arena_array(&page->arena, w->fields.len, sizeof(hd_field));
        if (!page->fields) {
            return HURDLE_ENOMEM;
        }
        memcpy(page->fields, w->fields.ptr, w->fields.len * sizeof(hd_field));
        page->nfields = w->fields.len;
    }
    if (w->forms.len) {
        page->forms = hd_arena_array(&page->arena, w->forms.len, sizeof(hd_form));
        if (!page->forms) {
            return HURDLE_ENOMEM;
        }
        memcpy(page->forms, w->forms.ptr, w->forms.len * sizeof(hd_form));
        page->nforms = w->forms.len;
    }
    return HURDLE_OK;
}

int hd_form_finish(hd_walk *w)
{
    hd_field *fields = w->fields.ptr;
    hd_field_x *xs = w->fieldx.ptr;
    hd_form *forms = w->forms.ptr;
    hd_form_x *fxs = w->formx.ptr;
    const char *page_text = hd_walk_text_since(w, 0, 2000);

    for (size_t i = 0; i < w->fields.len; i++) {
        if (xs[i].form_attr && *xs[i].form_attr) {
            const void *v = hd_smap_find(&w->form_ids, xs[i].form_attr);
            if (v) {
                fields[i].form = (long)(size_t)v - 1;
            }
        }
        resolve_label(w, &fields[i], &xs[i]);
        if (strcmp(fields[i].label_source, "value") != 0 &&
            hd_field_label_marks_required(fields[i].label)) {
            fields[i].required = true;
        }
        if (hd_field_autocomplete(&fields[i], &w->page->arena) < 0) {
            return HURDLE_ENOMEM;
        }
    }
    for (size_t f = 0; f < w->forms.len; f++) {
        purposes(w, (long)f, fxs[f].text);
    }
    purposes(w, -1, page_text ? page_text : "");
    hd_purpose_fix_sequence(fields, w->fields.len);
    count_forms(w);
    for (size_t f = 0; f < w->forms.len; f++) {
        forms[f].kind = hd_kind_classify(fields, w->fields.len, (long)f, fxs[f].text,
                                         fxs[f].klass ? fxs[f].klass : "", &forms[f]);
    }
    if (labels_scope(w) < 0) {
        return hd_oom(w->ctx);
    }
    return copy_out(w) < 0 ? hd_oom(w->ctx) : HURDLE_OK;
}
