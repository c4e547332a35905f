/*
 * Unit tests of html: parsing, fields and labels, visibility, forms, links,
 * encodings, binary and empty input, and the limits (huge pages, deep
 * nesting, many controls).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/page.h"
#include "support.h"
#include "page_fixture.h"

static void parse_ct(const char *html, const char *content_type)
{
    parse_at("https://shop.example/rebate/claim.html", html, content_type);
}

static void parse(const char *html)
{
    parse_ct(html, "text/html");
}

static const hd_field *field(const char *name)
{
    for (size_t i = 0; i < page.nfields; i++) {
        if (strcmp(page.fields[i].name, name) == 0) {
            return &page.fields[i];
        }
    }
    fail_msg("no field %s", name);
    return NULL;
}

/* Whether every byte string is valid UTF-8 (the JSON writer relies on it). */
static bool valid_utf8(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    while (*u) {
        size_t k = *u < 0x80             ? 1
                   : (*u & 0xE0) == 0xC0 ? 2
                   : (*u & 0xF0) == 0xE0 ? 3
                   : (*u & 0xF8) == 0xF0 ? 4
                                         : 0;
        if (k == 0 || (k == 2 && *u < 0xC2)) {
            return false;
        }
        for (size_t i = 1; i < k; i++) {
            if ((u[i] & 0xC0) != 0x80) {
                return false;
            }
        }
        u += k;
    }
    return true;
}

static void html_fields_indexed_in_document_order(void **state)
{
    (void)state;
    parse("<form><input type=hidden name=t><input name=a><select name=s><option>x</select>"
          "<textarea name=c></textarea><button name=b>Go</button></form><input name=z>");
    assert_int_equal(page.nfields, 6);
    for (size_t i = 0; i < page.nfields; i++) {
        assert_int_equal(page.fields[i].index, i);
    }
    assert_string_equal(page.fields[0].type, "hidden");
    assert_string_equal(page.fields[1].type, "text");
    assert_string_equal(page.fields[2].tag, "select");
    assert_string_equal(page.fields[2].type, "");
    assert_string_equal(page.fields[3].tag, "textarea");
    assert_string_equal(page.fields[4].type, "submit");
    assert_int_equal(page.fields[5].form, -1);
    assert_int_equal(page.fields[1].form, 0);
}

static void html_noscript_controls_keep_their_index(void **state)
{
    (void)state;
    parse("<form><input name=a><noscript><input type=image name=b alt=Go></noscript>"
          "<template><input name=t></template><input name=c></form>");
    assert_int_equal(page.nfields, 3);
    assert_false(field("b")->visible);
    assert_int_equal(field("c")->index, 2);
}

static void html_labels_follow_the_house_order(void **state)
{
    (void)state;
    parse("<form><label for=e>E-mail</label><input id=e name=e placeholder=ignored>"
          "<label>First  name <input name=f></label>"
          "<span id=l1>Phone</span><span id=l2>number</span>"
          "<input name=p aria-labelledby='l1 l2' aria-label=nope>"
          "<input name=a aria-label='Street address' placeholder=no>"
          "<input name=z placeholder='ZIP code' title=no>"
          "<input name=t title='Tax id'>"
          "<p>Store name</p><input name=n>"
          "<input type=submit value='Send claim'>"
          "<input name=late id=late><label for=late>Late label</label></form>");
    assert_string_equal(field("e")->label, "E-mail");
    assert_string_equal(field("e")->label_source, "label-for");
    assert_string_equal(field("f")->label, "First name");
    assert_string_equal(field("f")->label_source, "label-wrap");
    assert_string_equal(field("p")->label, "Phone number");
    assert_string_equal(field("p")->label_source, "aria-labelledby");
    assert_string_equal(field("a")->label_source, "aria-label");
    assert_string_equal(field("z")->label, "ZIP code");
    assert_string_equal(field("z")->label_source, "placeholder");
    assert_string_equal(field("t")->label_source, "title");
    assert_string_equal(field("n")->label, "Store name");
    assert_string_equal(field("n")->label_source, "nearby");
    assert_string_equal(page.fields[7].label, "Send claim");
    assert_string_equal(page.fields[7].label_source, "value");
    assert_string_equal(field("late")->label, "Late label");
}

static void html_visibility_and_required(void **state)
{
    (void)state;
    parse("<form><input name=a required><input name=b aria-required=true>"
          "<input name=c type=hidden><input name=d hidden><input name=e aria-hidden=true>"
          "<input name=f style='color:red; display : none'>"
          "<div style='visibility:hidden'><p><input name=g></p></div>"
          "<div hidden><input name=h></div><input name=i></form>");
    assert_true(field("a")->required);
    assert_true(field("b")->required);
    assert_false(field("i")->required);
    assert_true(field("a")->visible);
    assert_true(field("i")->visible);
    assert_false(field("c")->visible);
    assert_false(field("d")->visible);
    assert_false(field("e")->visible);
    assert_false(field("f")->visible);
    assert_false(field("g")->visible);
    assert_false(field("h")->visible);
    assert_int_equal(page.forms[0].nfields, 9);
    assert_int_equal(page.forms[0].nvisible, 3);
    assert_int_equal(page.forms[0].nrequired, 2);
}

static void html_select_options_and_attributes(void **state)
{
    (void)state;
    parse("<form><select name=s><option>One<option>Two<optgroup><option>Three</optgroup>"
          "</select><input name=m maxlength=12 pattern='[0-9]+' autocomplete='Postal-Code'>"
          "</form>");
    assert_int_equal(field("s")->options, 3);
    assert_int_equal(field("s")->maxlength, -1);
    assert_int_equal(field("m")->maxlength, 12);
    assert_string_equal(field("m")->pattern, "[0-9]+");
    assert_string_equal(field("m")->autocomplete, "postal-code");
    assert_string_equal(field("m")->purpose, "postal-code");
}

static void html_form_attribute_and_outside_controls(void **state)
{
    (void)state;
    parse("<form id=f1 action='/claim?x=1#top' method=POST><input name=a>"
          "<input type=submit value=Claim></form>"
          "<input name=b form=f1><input name=c><form id=f2></form><input name=d form=f2>");
    assert_int_equal(page.nforms, 2);
    assert_int_equal(field("a")->form, 0);
    assert_int_equal(field("b")->form, 0);
    assert_int_equal(field("c")->form, -1);
    assert_int_equal(field("d")->form, 1);
    assert_string_equal(page.forms[0].action, "https://shop.example/claim?x=1");
    assert_string_equal(page.forms[0].method, "post");
    assert_string_equal(page.forms[0].submit, "Claim");
    assert_string_equal(page.forms[1].method, "get");
    assert_string_equal(page.forms[0].path, "/html/body/form[1]");
}

static void html_paths_count_siblings_by_tag(void **state)
{
    (void)state;
    parse("<div>a</div><div><p>b</p><form><input name=x><span></span><input name=y>"
          "</form></div>");
    assert_string_equal(field("y")->path, "/html/body/div[2]/form[1]/input[2]");
    assert_string_equal(field("x")->path, "/html/body/div[2]/form[1]/input[1]");
}

static void html_ignore_is_inherited(void **state)
{
    (void)state;
    parse("<div data-hurdle-ignore='fields.count'><p>Hidden rule</p><input name=a></div>"
          "<input name=b>");
    assert_string_equal(field("a")->ignore, "fields.count");
    assert_null(field("b")->ignore);
    assert_string_equal(hd_text_span_at(&page.scopes[HD_SCOPE_TEXT], 0)->ignore, "fields.count");
}

static void html_links_resolve_and_keep_contacts(void **state)
{
    (void)state;
    parse("<a href='../terms.html#s2'>Terms</a><a href='#top'>Top</a>"
          "<a href='javascript:void(0)'>JS</a><a href='mailto:help@shop.example'>Mail</a>"
          "<a href='tel:+18005550100'><img alt=Call></a><a href='https://other.example/x'>X</a>");
    assert_int_equal(page.nlinks, 4);
    assert_string_equal(page.links[0].href, "https://shop.example/terms.html");
    assert_string_equal(page.links[0].text, "Terms");
    assert_string_equal(page.links[1].href, "mailto:help@shop.example");
    assert_string_equal(page.links[2].href, "tel:+18005550100");
    assert_string_equal(page.links[3].href, "https://other.example/x");
    assert_string_equal(page.links[0].path, "/html/body/a[1]");
}

static void html_base_element_sets_the_base(void **state)
{
    (void)state;
    parse("<head><base href='/offers/'></head><a href='plan'>Plan</a>");
    assert_string_equal(page.links[0].href, "https://shop.example/offers/plan");
}

static void html_meta_charset_windows_1252(void **state)
{
    (void)state;
    parse("<html><head><meta charset=windows-1252><title>Caf\xE9 \x80 5 \x96 \x93ok\x94</title>"
          "</head><body><p>Pr\xE9nom</p></body></html>");
    assert_string_equal(page.charset, "windows-1252");
    assert_string_equal(page.title,
                        "Caf\xC3\xA9 \xE2\x82\xAC 5 \xE2\x80\x93 \xE2\x80\x9Cok\xE2\x80\x9D");
    assert_string_equal(page.scopes[HD_SCOPE_TEXT].text, "Pr\xC3\xA9nom");
}

static void html_content_type_charset_wins(void **state)
{
    (void)state;
    parse_ct("<meta charset=utf-8><p>na\xEFve</p>", "text/html; charset=ISO-8859-1");
    assert_string_equal(page.charset, "windows-1252");
    assert_string_equal(page.scopes[HD_SCOPE_TEXT].text, "na\xC3\xAFve");
}

static void html_shift_jis_via_meta(void **state)
{
    (void)state;
    /* "価格" (price) in Shift_JIS */
    parse("<meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'>"
          "<p>\x89\xBF\x8A\x69</p>");
    assert_string_equal(page.charset, "shift_jis");
    assert_string_equal(page.scopes[HD_SCOPE_TEXT].text, "\xE4\xBE\xA1\xE6\xA0\xBC");
}

static void html_invalid_utf8_is_replaced(void **state)
{
    (void)state;
    parse("<meta charset=utf-8><p>bad \xC3 byte \xED\xA0\x80 and \xF8\x88 end</p>"
          "<input name='n\xFF' placeholder='\xE2\x82'>");
    assert_true(valid_utf8(page.scopes[HD_SCOPE_TEXT].text));
    assert_non_null(strstr(page.scopes[HD_SCOPE_TEXT].text, "\xEF\xBF\xBD"));
    assert_true(valid_utf8(page.fields[0].name));
    assert_true(valid_utf8(page.fields[0].placeholder));
    assert_true(valid_utf8(page.fields[0].label));
}

static void html_utf8_bom_and_nul_bytes(void **state)
{
    static const char head[] = "\xEF\xBB\xBF<p>one</p>";
    static const char tail[] = "<p>two\0three</p>";
    char *big = calloc(1, 4096);
    size_t len = sizeof(head) - 1;
    (void)state;
    /* a NUL past the sniffed head is replaced, not a reason to stop */
    memcpy(big, head, len);
    memset(big + len, ' ', 2000);
    len += 2000;
    memcpy(big + len, tail, sizeof(tail) - 1);
    len += sizeof(tail) - 1;
    assert_int_equal(hd_page_parse(&page, ctx, "u", big, len, NULL, NULL), HURDLE_OK);
    assert_string_equal(page.charset, "utf-8");
    assert_string_equal(page.scopes[HD_SCOPE_TEXT].text, "one\ntwo\xEF\xBF\xBDthree");
    free(big);
}

static void html_binary_data_is_eparse(void **state)
{
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    static const char zeros[64] = { '<', 'p', '>' };
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "https://x.example/logo", png, sizeof(png) - 1,
                                   "text/html", NULL),
                     HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx),
                        "https://x.example/logo: not an HTML or text page (binary data)");
    assert_int_equal(hd_page_parse(&page, ctx, "file:z", zeros, sizeof(zeros), NULL, NULL),
                     HURDLE_EPARSE);
}

static void html_empty_input_gives_an_empty_page(void **state)
{
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "https://x.example/", "", 0, NULL, NULL), HURDLE_OK);
    assert_int_equal(page.nfields, 0);
    assert_int_equal(page.nwarnings, 1);
    assert_string_equal(page.warnings[0], "empty page");
    assert_string_equal(page.scopes[HD_SCOPE_TEXT].text, "");
    assert_string_equal(page.scopes[HD_SCOPE_URL].text, "https://x.example/");
    hd_page_dispose(&page);
    assert_int_equal(hd_page_parse(&page, ctx, "u", "   \n ", 5, NULL, NULL), HURDLE_OK);
}

static void html_plain_text_pages_are_text(void **state)
{
    (void)state;
    parse_ct("Rebate terms\n\nMail   the form\nwithin 30 days.\n\n<b>not a tag</b>", "text/plain");
    assert_string_equal(page.scopes[HD_SCOPE_TEXT].text,
                        "Rebate terms\nMail the form within 30 days.\n<b>not a tag</b>");
    assert_int_equal(page.nfields, 0);
}

static void html_huge_page_is_cut_at_the_limit(void **state)
{
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    size_t len = (size_t)50 << 20;
    char *big = malloc(len);
    static const char chunk[] = "<p>Save $5 on every order. Terms apply.</p><input name=q>\n";
    size_t k = sizeof(chunk) - 1;
    (void)state;
    assert_non_null(big);
    for (size_t i = 0; i < len; i += k) {
        memcpy(big + i, chunk, len - i < k ? len - i : k);
    }
    lim.max_bytes = (size_t)8 << 20;
    lim.max_text = (size_t)1 << 20;
    assert_int_equal(hd_page_parse(&page, ctx, "https://big.example/", big, len, NULL, &lim),
                     HURDLE_OK);
    assert_int_equal(page.bytes, len);
    assert_string_equal(page.warnings[0], "page cut at 8388608 bytes");
    assert_true(page.scopes[HD_SCOPE_TEXT].len <= lim.max_text);
    assert_true(page.nfields > 1000 && page.nfields <= (size_t)8 << 20);
    assert_true(page.nprices > 0 && page.nprices <= lim.max_prices);
    free(big);
}

static void html_deep_nesting_is_flattened(void **state)
{
    size_t n = 100000;
    size_t len = n * 11 + 200;
    char *html = malloc(len);
    size_t o = 0;
    (void)state;
    for (size_t i = 0; i < n; i++) {
        memcpy(html + o, "<div>", 5);
        o += 5;
    }
    o += (size_t)snprintf(html + o, len - o, "<input name=deep>deep text");
    for (size_t i = 0; i < n; i++) {
        memcpy(html + o, "</div>", 6);
        o += 6;
    }
    o += (size_t)snprintf(html + o, len - o, "<p>after</p><input name=after>");
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, o, NULL, NULL), HURDLE_OK);
    assert_int_equal(page.nfields, 2);
    assert_string_equal(page.fields[1].name, "after");
    assert_int_equal(page.fields[1].index, 1);
    assert_string_equal(page.scopes[HD_SCOPE_TEXT].text, "deep text\nafter");
    assert_string_equal(page.warnings[0], "elements nested deeper than 256 levels were flattened");
    free(html);
}

static void html_many_controls_hit_max_fields(void **state)
{
    size_t n = 100000;
    size_t len = n * 24 + 64;
    char *html = malloc(len);
    size_t o = 0;
    (void)state;
    o += (size_t)snprintf(html + o, len - o, "<form>");
    for (size_t i = 0; i < n; i++) {
        o += (size_t)snprintf(html + o, len - o, "<input name=f%zu>", i);
    }
    o += (size_t)snprintf(html + o, len - o, "</form>");
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, o, NULL, NULL), HURDLE_OK);
    assert_int_equal(page.nfields, 10000);
    assert_string_equal(page.warnings[0],
                        "more than 10000 form controls; the rest were not analysed");
    assert_int_equal(page.fields[9999].index, 9999);
    free(html);
}

static void html_scope_names_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < HD_SCOPE_COUNT; s++) {
        assert_int_equal(hd_scope_parse(hd_scope_name((hd_scope)s)), s);
    }
    assert_int_equal(hd_scope_parse("nope"), -1);
    assert_int_equal(hd_scope_parse(NULL), -1);
}

static void html_bad_arguments_are_einval(void **state)
{
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "u", NULL, 4, NULL, NULL), HURDLE_EINVAL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

static void html_autocomplete_and_constraints(void **state)
{
    (void)state;
    parse_ct("<form><input autocomplete='section-blue shipping street-address'>"
             "<input autocomplete='billing mobile tel webauthn'><input autocomplete=off>"
             "<input autocomplete='nonsense email extra'><input autocomplete='shipping'>"
             "<input type=checkbox name=news checked><input type=date min=2024-01-01 max=2026-12-31>"
             "<input name=zip minlength=5 maxlength=10 pattern='[0-9]{5}'></form>",
             NULL);
    assert_string_equal(page.fields[0].ac_section, "section-blue");
    assert_string_equal(page.fields[0].ac_hint, "shipping");
    assert_string_equal(page.fields[0].ac_field, "street-address");
    assert_string_equal(page.fields[1].ac_hint, "billing");
    assert_string_equal(page.fields[1].ac_field, "tel");
    assert_string_equal(page.fields[2].ac_field, "off");
    assert_string_equal(page.fields[3].ac_field, "");
    assert_string_equal(page.fields[4].ac_field, ""); /* a hint alone names no field */
    assert_true(page.fields[5].checked);
    assert_false(page.fields[4].checked);
    assert_string_equal(page.fields[6].min, "2024-01-01");
    assert_string_equal(page.fields[6].max, "2026-12-31");
    assert_int_equal(page.fields[7].minlength, 5);
    assert_int_equal(page.fields[7].maxlength, 10);
    assert_int_equal(page.fields[0].minlength, -1);
}

static void html_required_from_label_marks(void **state)
{
    (void)state;
    parse_ct("<form><label for=a>Email *</label><input id=a>"
             "<label>* Name <input name=n></label>"
             "<label for=c>Ville (obligatoire)</label><input id=c>"
             "<label for=d>Company</label><input id=d>"
             "<input name=e aria-required=true><button>Send *</button></form>",
             NULL);
    assert_true(page.fields[0].required);
    assert_true(page.fields[1].required);
    assert_true(page.fields[2].required);
    assert_false(page.fields[3].required);
    assert_true(page.fields[4].required);
    assert_false(page.fields[5].required); /* a button's text is not a label */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(html_autocomplete_and_constraints),
        T(html_required_from_label_marks),
        T(html_fields_indexed_in_document_order),
        T(html_noscript_controls_keep_their_index),
        T(html_labels_follow_the_house_order),
        T(html_visibility_and_required),
        T(html_select_options_and_attributes),
        T(html_form_attribute_and_outside_controls),
        T(html_paths_count_siblings_by_tag),
        T(html_ignore_is_inherited),
        T(html_links_resolve_and_keep_contacts),
        T(html_base_element_sets_the_base),
        T(html_meta_charset_windows_1252),
        T(html_content_type_charset_wins),
        T(html_shift_jis_via_meta),
        T(html_invalid_utf8_is_replaced),
        T(html_utf8_bom_and_nul_bytes),
        T(html_binary_data_is_eparse),
        T(html_empty_input_gives_an_empty_page),
        T(html_plain_text_pages_are_text),
        T(html_huge_page_is_cut_at_the_limit),
        T(html_deep_nesting_is_flattened),
        T(html_many_controls_hit_max_fields),
        T(html_scope_names_round_trip),
        T(html_bad_arguments_are_einval),
    };
    hurdle_global_init();
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    hurdle_global_cleanup();
    return rc;
}
