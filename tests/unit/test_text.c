/*
 * Unit tests of visible text: scopes, blocks, spans and paths, and the
 * readability counts.
 */
#include <math.h>
#include <string.h>

#include "html/page.h"
#include "support.h"
#include "page_fixture.h"

static void parse(const char *html)
{
    parse_at("https://x.example/offer", html, NULL);
}

static const char *scope(hd_scope s)
{
    return page.scopes[s].text;
}

static void text_skips_invisible_content(void **state)
{
    (void)state;
    parse("<html><head><title> Rebate \n offer </title><style>p{}</style></head><body>"
          "<script>var x='<p>no</p>';</script><noscript>no js</noscript>"
          "<template><p>tpl</p></template><p>Visible   text\n here</p>"
          "<div style='display:none'>gone</div><p hidden>gone</p><span aria-hidden=true>gone</span>"
          "<textarea>typed</textarea><select><option>opt</option></select>end</body></html>");
    assert_string_equal(scope(HD_SCOPE_TEXT), "Visible text here\nend");
    assert_string_equal(scope(HD_SCOPE_TITLE), "Rebate offer");
    assert_string_equal(page.title, "Rebate offer");
    assert_string_equal(scope(HD_SCOPE_URL), "https://x.example/offer");
}

static void text_blocks_and_inline(void **state)
{
    (void)state;
    parse("<div>One <b>bold</b> <i>word</i></div><p>Two</p>Three<br>Four<ul><li>a<li>b</ul>");
    assert_string_equal(scope(HD_SCOPE_TEXT), "One bold word\nTwo\nThree\nFour\na\nb");
}

static void text_scopes(void **state)
{
    (void)state;
    parse("<h1>Get <em>$100</em> back</h1><p>Body text.</p><h2>How</h2>"
          "<button>Claim now</button><a class='btn btn-primary' href='/go'>Start</a>"
          "<input type=submit value='Send'><p><small>Terms apply.</small></p>"
          "<div class=disclaimer><p>Void where prohibited.</p><p>Limit one.</p></div>"
          "<sup>1</sup><label>Email <input name=e></label>");
    assert_string_equal(scope(HD_SCOPE_HEADINGS), "Get $100 back\nHow");
    assert_string_equal(scope(HD_SCOPE_BUTTONS), "Claim now\nStart\nSend");
    assert_string_equal(scope(HD_SCOPE_FINE_PRINT),
                        "Terms apply.\nVoid where prohibited.\nLimit one.\n1");
    assert_string_equal(scope(HD_SCOPE_LABELS), "Claim now\nSend\nEmail");
}

static void text_spans_carry_paths(void **state)
{
    const hd_text *t;
    const hd_span *sp;
    (void)state;
    parse("<div><p>First para</p></div><div><p>Second <a href=x>link</a> after</p></div>");
    t = &page.scopes[HD_SCOPE_TEXT];
    assert_string_equal(t->text, "First para\nSecond link after");
    assert_int_equal(t->spans[0].off, 0);
    assert_string_equal(t->spans[0].path, "/html/body/div[1]/p[1]");
    sp = hd_text_span_at(t, 12);
    assert_string_equal(sp->path, "/html/body/div[2]/p[1]");
    sp = hd_text_span_at(t, 19);
    assert_string_equal(sp->path, "/html/body/div[2]/p[1]/a[1]");
    sp = hd_text_span_at(t, 25);
    assert_string_equal(sp->path, "/html/body/div[2]/p[1]");
    for (size_t i = 1; i < t->nspans; i++) {
        assert_true(t->spans[i].off > t->spans[i - 1].off);
    }
}

static void text_limit_cuts_on_a_character(void **state)
{
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    static const char html[] = "<p>\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9</p>";
    (void)state;
    lim.max_text = 5;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, sizeof(html) - 1, NULL, &lim), HURDLE_OK);
    assert_int_equal(page.scopes[HD_SCOPE_TEXT].len, 4);
    assert_string_equal(page.warnings[0], "visible text cut at 5 bytes");
}

static void text_syllables(void **state)
{
    static const struct {
        const char *w;
        int n;
    } cases[] = { { "the", 1 },           { "couple", 2 },   { "relived", 2 },  { "creative", 3 },
                  { "every", 3 },         { "monopoly", 4 }, { "marriage", 2 }, { "puzzles", 2 },
                  { "interpersonal", 5 }, { "wanted", 2 },   { "Rebate", 2 },   { "day's", 1 } };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(hd_text_syllables(cases[i].w, strlen(cases[i].w)), cases[i].n);
    }
}

static void text_readability_known_sentences(void **state)
{
    hd_text_stats st;
    static const char text[] = "The cat sat on the mat. The dog ran to the park and back home.";
    (void)state;
    hd_text_stats_compute(&st, text, strlen(text), false);
    assert_int_equal(st.words, 15);
    assert_int_equal(st.sentences, 2);
    assert_int_equal(st.syllables, 15);
    assert_true(fabs(st.fk_grade - (0.39 * 7.5 + 11.8 * 1.0 - 15.59)) < 1e-9);
    assert_true(fabs(st.flesch_ease - (206.835 - 1.015 * 7.5 - 84.6)) < 1e-9);
    hd_text_stats_compute(&st, "", 0, true);
    assert_int_equal(st.words, 0);
    assert_true(st.fk_grade == 0.0);
}

static void text_readability_of_a_page(void **state)
{
    (void)state;
    parse("<p>Participants must submit the original receipt together with the completed "
          "redemption certificate, postmarked within thirty days of purchase, and any "
          "reproduction, alteration or facsimile of this certificate will be considered "
          "fraudulent and void.</p><nav>Home</nav><footer><small>Terms apply.</small></footer>");
    assert_int_equal(page.stats.sentences, 1);
    assert_int_equal(page.stats.long_sentences, 1);
    assert_true(page.stats.complex_words >= 8);
    assert_true(page.stats.fk_grade > 14.0);
    assert_int_equal(page.stats.fine_print_words, 2);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(text_skips_invisible_content),     T(text_blocks_and_inline),         T(text_scopes),
        T(text_spans_carry_paths),           T(text_limit_cuts_on_a_character), T(text_syllables),
        T(text_readability_known_sentences), T(text_readability_of_a_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
