/*
 * html/price_markup.c - prices that markup states rather than shows:
 * schema.org Offer in microdata (itemprop price, lowPrice, highPrice,
 * priceCurrency; the content attribute first, else the element's text), in
 * JSON-LD (<script type="application/ld+json">, read by a small bounded
 * scanner of its own: no JSON library in html) and price meta tags
 * (og:price:amount, product:price:amount and their :currency). Also the
 * markup of how prices look: struck-through classes ("was-price",
 * "old-price") and cents set apart ("$19<sup>99</sup>").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"
#include "price_int.h"

#define JSON_MAX   ((size_t)256 << 10)
#define JSON_DEPTH 32
#define VAL_MAX    40

enum { K_OTHER, K_PRICE, K_LOW, K_HIGH, K_CUR };

typedef struct jframe {
    bool object;
    bool key_next;        /* the next string is a key */
    int key;              /* the key whose value comes next */
    char val[4][VAL_MAX]; /* price, lowPrice, highPrice, priceCurrency as written */
} jframe;

typedef struct jscan {
    hd_walk *w;
    hd_frame *f;
    jframe st[JSON_DEPTH];
    size_t depth;
    size_t deep; /* levels past JSON_DEPTH, ignored */
    size_t objects;
    int rc;
} jscan;

/* An amount as markup writes it: "19.99", "1299", or failing that text ("$19.99", "19,99 €"). */
static bool markup_amount(double *out, char cur[4], const char *v)
{
    size_t n = strlen(v);
    size_t i = 0;
    char *end;
    hd_price p;

    while (i < n && ((v[i] >= '0' && v[i] <= '9') || v[i] == '.')) {
        i++;
    }
    if (i == n && n > 0 && n < VAL_MAX) {
        *out = strtod(v, &end);
        return end != v;
    }
    if (hd_price_parse_one(&p, v, n) && !p.free) {
        *out = p.amount;
        if (p.currency[0] && !cur[0]) {
            memcpy(cur, p.currency, 4);
        }
        return true;
    }
    return false;
}

static int add_mark(hd_walk *w,
                    hd_frame *f,
                    const char *source,
                    size_t scope,
                    const char *amount,
                    const char *high,
                    const char *cur)
{
    hd_price_mark *m;

    if (w->pmarks.len >= w->lim.max_prices) {
        return HURDLE_OK;
    }
    m = hd_vec_push(&w->pmarks);
    if (!m) {
        return HURDLE_ENOMEM;
    }
    memset(m, 0, sizeof(*m));
    m->source = source;
    m->scope = scope;
    m->struck = (f->flags & HF_STRUCK) != 0;
    if (cur && hd_currency_is_code(cur, strlen(cur))) {
        memcpy(m->currency, cur, 3);
    }
    if (amount && *amount) {
        m->has_amount = markup_amount(&m->amount, m->currency, amount);
        if (high && *high && m->has_amount) {
            char c2[4] = "";
            double h = 0;
            m->amount_max = markup_amount(&h, c2, high) && h > m->amount ? h : 0;
        }
    }
    if (!m->has_amount && !m->currency[0]) {
        w->pmarks.len--;
        return HURDLE_OK;
    }
    m->path = hd_walk_path(w, f);
    m->raw =
        hd_text_squeeze(&w->page->arena, amount ? amount : cur, strlen(amount ? amount : cur), 64);
    return m->raw ? HURDLE_OK : HURDLE_ENOMEM;
}

/* ---- JSON-LD ---- */

static int key_of(const char *k)
{
    if (strcmp(k, "price") == 0) {
        return K_PRICE;
    }
    if (strcmp(k, "lowPrice") == 0 || strcmp(k, "minPrice") == 0) {
        return K_LOW;
    }
    if (strcmp(k, "highPrice") == 0 || strcmp(k, "maxPrice") == 0) {
        return K_HIGH;
    }
    return strcmp(k, "priceCurrency") == 0 ? K_CUR : K_OTHER;
}

/* A string or bare token at s[*i]: copied (escapes kept simple) into out; advances *i. */
static void token(const char *s, size_t len, size_t *i, char out[VAL_MAX])
{
    size_t n = 0;
    size_t j = *i;

    if (s[j] == '"') {
        for (j++; j < len && s[j] != '"'; j++) {
            if (s[j] == '\\' && j + 1 < len) {
                j++;
            }
            if (n < VAL_MAX - 1) {
                out[n++] = s[j];
            }
        }
        j++;
    } else {
        while (j < len && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ' ' &&
               s[j] != '\n' && s[j] != '\t' && s[j] != '\r') {
            if (n < VAL_MAX - 1) {
                out[n++] = s[j];
            }
            j++;
        }
    }
    out[n] = '\0';
    *i = j;
}

static void on_value(jscan *js, const char *v)
{
    jframe *t = js->depth && !js->deep ? &js->st[js->depth - 1] : NULL;

    if (t && t->object && t->key_next) {
        t->key = key_of(v);
        t->key_next = false;
    } else if (t && t->object && t->key != K_OTHER) {
        memcpy(t->val[t->key - K_PRICE], v, VAL_MAX);
        t->key = K_OTHER;
    }
}

/* An object closes: an Offer-like object with a price becomes a mark. */
static void on_close(jscan *js)
{
    jframe *t = &js->st[js->depth - 1];
    const char *cur = t->val[K_CUR - K_PRICE];
    const char *amount = t->val[0][0] ? t->val[0] : t->val[K_LOW - K_PRICE];

    for (size_t d = js->depth - 1; !*cur && d > 0; d--) {
        cur = js->st[d - 1].val[K_CUR - K_PRICE];
    }
    if (t->object && (*amount || *cur) && js->rc == HURDLE_OK) {
        js->rc = add_mark(js->w, js->f, "json-ld", ++js->objects, *amount ? amount : NULL,
                          t->val[K_HIGH - K_PRICE], cur);
    }
}

static void open_frame(jscan *js, bool object)
{
    if (js->deep || js->depth >= JSON_DEPTH) {
        js->deep++;
        return;
    }
    memset(&js->st[js->depth], 0, sizeof(jframe));
    js->st[js->depth].object = object;
    js->st[js->depth].key_next = object;
    js->depth++;
}

static void close_frame(jscan *js)
{
    if (js->deep) {
        js->deep--;
        return;
    }
    if (js->depth) {
        on_close(js);
        js->depth--;
    }
}

static int json_ld(hd_walk *w, hd_frame *f, const char *s, size_t len)
{
    jscan js;
    char v[VAL_MAX];

    memset(&js, 0, sizeof(js));
    js.w = w;
    js.f = f;
    len = len > JSON_MAX ? JSON_MAX : len;
    for (size_t i = 0; i < len && js.rc == HURDLE_OK;) {
        char c = s[i];
        if (c == '{' || c == '[') {
            open_frame(&js, c == '{');
        } else if (c == '}' || c == ']') {
            close_frame(&js);
        } else if (c == ',' && js.depth && !js.deep && js.st[js.depth - 1].object) {
            js.st[js.depth - 1].key_next = true;
            js.st[js.depth - 1].key = K_OTHER;
        } else if (c == '"' ||
                   (c != ':' && c != ',' && c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
            token(s, len, &i, v);
            on_value(&js, v);
            continue;
        }
        i++;
    }
    return js.rc;
}

/* ---- microdata and meta tags ---- */

/* Whether the space-separated list `list` holds `word`. */
static bool has_token(const char *list, const char *word)
{
    size_t k = strlen(word);

    for (const char *p = list; p && *p;) {
        while (*p == ' ') {
            p++;
        }
        if (strncmp(p, word, k) == 0 && (p[k] == '\0' || p[k] == ' ')) {
            return true;
        }
        p = strchr(p, ' ');
    }
    return false;
}

/* The itemscope an element belongs to (itself or its nearest ancestor), as an identity. */
static size_t item_scope(const xmlNode *n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        if (hd_attr(n, "itemscope")) {
            return (size_t)(uintptr_t)n;
        }
    }
    return 0;
}

static int microdata(hd_walk *w, hd_frame *f, const char *ip)
{
    const xmlNode *n = f->node;
    const char *content = hd_attr(n, "content");
    bool amount = has_token(ip, "price") || has_token(ip, "lowPrice");
    bool cur = has_token(ip, "priceCurrency");

    if (!amount && !cur) {
        return HURDLE_OK;
    }
    if (!content) {
        content = hd_form_gather(w, n, 64);
        if (!content) {
            return HURDLE_ENOMEM;
        }
    }
    return add_mark(w, f, "microdata", item_scope(n), amount ? content : NULL, NULL,
                    cur ? content : NULL);
}

static int meta(hd_walk *w, hd_frame *f, const char *prop)
{
    const char *content = hd_attr(f->node, "content");

    if (!content) {
        return HURDLE_OK;
    }
    if (strcmp(prop, "og:price:amount") == 0 || strcmp(prop, "product:price:amount") == 0) {
        return add_mark(w, f, "meta", 0, content, NULL, NULL);
    }
    if (strcmp(prop, "og:price:currency") == 0 || strcmp(prop, "product:price:currency") == 0) {
        return add_mark(w, f, "meta", 0, NULL, NULL, content);
    }
    return HURDLE_OK;
}

int hd_price_markup_open(hd_walk *w, hd_frame *f)
{
    const xmlNode *n = f->node;
    const char *ip = hd_attr(n, "itemprop");
    const char *prop = hd_attr(n, "property");
    const char *type;

    if (ip) {
        return microdata(w, f, ip);
    }
    if (prop || (prop = hd_attr(n, "name")) != NULL) {
        return meta(w, f, prop);
    }
    type = hd_attr(n, "type");
    if (type && hd_ci_contains(type, "ld+json") && strcmp((const char *)n->name, "script") == 0) {
        for (const xmlNode *c = n->children; c; c = c->next) {
            if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
                int rc = json_ld(w, f, (const char *)c->content, strlen((const char *)c->content));
                if (rc < 0) {
                    return rc;
                }
            }
        }
    }
    return HURDLE_OK;
}

bool hd_price_struck_class(const char *klass)
{
    static const char *const parts[] = {
        "strike",        "crossed",        "old-price",      "oldprice",   "price-old",
        "was-price",     "wasprice",       "price-was",      "price--was", "regular-price",
        "price-regular", "original-price", "price-original", "compare-at", "compare-price",
        "list-price",    "price-before",   "line-through",   NULL
    };
    static const char *const words[] = { "was", "old",  "regular", "original",
                                         "rrp", "msrp", "before",  NULL };

    for (size_t i = 0; parts[i]; i++) {
        if (hd_ci_contains(klass, parts[i])) {
            return true;
        }
    }
    for (size_t i = 0; words[i]; i++) {
        if (has_token(klass, words[i])) {
            return true;
        }
    }
    return false;
}

bool hd_price_joins_cents(const hd_walk *w, const char *s, size_t len)
{
    const hd_scope_writer *sw = &w->scopes[HD_SCOPE_TEXT];
    const char *t = sw->text.ptr;
    size_t i = sw->text.len;
    size_t k;

    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n')) {
        len--;
    }
    while (len > 0 && (s[0] == ' ' || s[0] == '\n')) {
        s++, len--;
    }
    if (len != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || sw->space || i == 0 ||
        t[i - 1] < '0' || t[i - 1] > '9') {
        return false;
    }
    while (i > 0 && ((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == ',' || t[i - 1] == '\'')) {
        i--;
    }
    if (i > 0 && t[i - 1] == ' ') {
        i--;
    }
    return hd_currency_before(t, i, &k) != NULL;
}

/* The TEXT range of a struck-through element, when it closes (not inside another). */
int hd_price_struck_close(hd_walk *w, const hd_frame *f)
{
    const hd_frame *parent = w->depth > 1 ? &w->stack[w->depth - 2] : NULL;
    size_t *r;

    if (parent && (parent->flags & HF_STRUCK)) {
        return HURDLE_OK;
    }
    r = hd_vec_push(&w->struck);
    if (r) {
        *r = f->text_off;
        r = hd_vec_push(&w->struck);
    }
    if (!r) {
        return hd_oom(w->ctx);
    }
    *r = w->scopes[HD_SCOPE_TEXT].text.len;
    return HURDLE_OK;
}
