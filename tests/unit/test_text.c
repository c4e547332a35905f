/*
 * Unit tests of visible text: scopes, blocks, spans and paths, and the
 * readability counts.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html/page.h"
#include "html/syllable.h"
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

/* Every metric of a paragraph counted by hand:
 *   "The big dog ran to the park."                  7 words,  7 syllables, 21 letters
 *   "It was a wonderful day for the family."        8 words, 12 syllables (won-der-ful 3,
 *                                                    fam-i-ly 3), 30 letters
 *   "Nobody wanted to go home."                     5 words,  8 syllables (no-bod-y 3,
 *                                                    want-ed 2), 20 letters
 * 20 words, 3 sentences, 27 syllables, 71 letters (no digits), 3 words of 3+ syllables
 * (wonderful, family, Nobody: a capital that starts a sentence is no name, so Fog counts it).
 * words/sentence 20/3, syllables/word 1.35:
 *   FK    0.39 * 6.6667 + 11.8 * 1.35 - 15.59            =  2.9400
 *   ease  206.835 - 1.015 * 6.6667 - 84.6 * 1.35          = 85.8583
 *   Fog   0.4 * (6.6667 + 100 * 3 / 20)                   =  8.6667
 *   SMOG  1.043 * sqrt(3 * 30 / 3) + 3.1291               =  8.8419
 *   CLI   0.0588 * 355 - 0.296 * 15 - 15.8  (L = 71/20*100, S = 3/20*100) = 0.6340
 *   ARI   4.71 * 71 / 20 + 0.5 * 6.6667 - 21.43           = -1.3762
 */
static void text_readability_by_hand(void **state)
{
    hd_text_stats st;
    static const char text[] = "The big dog ran to the park. It was a wonderful day for the "
                               "family. Nobody wanted to go home.";
    (void)state;
    hd_text_stats_compute(&st, text, strlen(text), false);
    assert_int_equal(st.words, 20);
    assert_int_equal(st.sentences, 3);
    assert_int_equal(st.syllables, 27);
    assert_int_equal(st.letters, 71);
    assert_int_equal(st.chars, 71);
    assert_int_equal(st.complex_words, 3);
    assert_true(fabs(st.fk_grade - 2.94) < 1e-3);
    assert_true(fabs(st.flesch_ease - 85.8583) < 1e-3);
    assert_true(fabs(st.fog - 8.6667) < 1e-3);
    assert_true(fabs(st.smog - 8.8419) < 1e-3);
    assert_true(fabs(st.coleman_liau - 0.634) < 1e-3);
    assert_true(fabs(st.ari - (-1.3762)) < 1e-3);
    /* SMOG needs three sentences */
    hd_text_stats_compute(&st, text, 28, false);
    assert_int_equal(st.sentences, 1);
    assert_true(st.smog == 0.0);
}

static size_t sentences_of(const char *text, bool blocks)
{
    hd_text_stats st;
    hd_text_stats_compute(&st, text, strlen(text), blocks);
    return st.sentences;
}

static void text_tokenizer_sentences(void **state)
{
    hd_text_stats st;
    static const char text[] =
        "Mr. Smith paid $1.99 for 3.5 kg of apples, i.e. a bargain. He left at 5 p.m. on "
        "Friday... Then he went home! Did he pay? Yes, he did, etc. and so on";
    (void)state;
    hd_text_stats_compute(&st, text, strlen(text), false);
    assert_int_equal(st.words, 33);
    assert_int_equal(st.sentences, 5);
    assert_int_equal(sentences_of("Dr. No and Mrs. Doe met Prof. X vs. the U.S. team.", false), 1);
    assert_int_equal(sentences_of("It was made in the U.S. Then it was sold here.", false), 2);
    assert_int_equal(sentences_of("I wonder\xE2\x80\xA6 maybe not today.", false), 1);
    assert_int_equal(sentences_of("Wait for it\xE2\x80\xA6 Then pay the fee now.", false), 2);
    assert_int_equal(sentences_of("Save 3.5% today on this. Pay $10.50 per month now.", false), 2);
    assert_int_equal(sentences_of("1. Buy the product and mail the form back", false), 1);
    assert_int_equal(sentences_of("Offer ends soon.* Some terms apply here.", false), 2);
    /* a block without terminal punctuation is one sentence */
    assert_int_equal(sentences_of("Get free shipping on orders\nCancel at any time online", true), 2);
    assert_int_equal(sentences_of("Get free shipping on orders\nCancel at any time online", false),
                     1);
}

static void text_sentences_stop_at_blocks(void **state)
{
    (void)state;
    parse("<ul><li>Get free shipping on orders</li><li>Cancel at any time online</li></ul>"
          "<table><tr><td>Basic plan for one</td><td>Premium plan for four</td></tr></table>"
          "<div>Claim your rebate today<div>Send the form by mail</div></div>");
    assert_string_equal(scope(HD_SCOPE_TEXT),
                        "Get free shipping on orders\nCancel at any time online\nBasic plan for "
                        "one\nPremium plan for four\nClaim your rebate today\nSend the form by mail");
    assert_int_equal(page.stats.sentences, 6);
    assert_int_equal(page.stats.words, 27);
}

/* The role of the span holding the first byte of `needle` in the TEXT scope. */
static hd_role role_of(const char *needle)
{
    const char *t = scope(HD_SCOPE_TEXT);
    const char *p = strstr(t, needle);
    assert_non_null(p);
    return hd_text_span_at(&page.scopes[HD_SCOPE_TEXT], (size_t)(p - t))->role;
}

static void text_roles(void **state)
{
    (void)state;
    parse("<h1>Big savings now</h1><p>Body text here. <a href=/t>See terms</a></p>"
          "<label>Your email</label><button>Send it</button><a class=btn href=/go>Go now</a>"
          "<table><tr><th>Plan name</th><td>Plan price</td></tr></table>"
          "<p><small>Terms apply.</small></p><div class=legal-note>Void where prohibited.</div>"
          "<p>* Offer valid in US only.</p><p>\xE2\x80\xA0 Limits apply here.</p>"
          "<p><sup>1</sup> Rebate by mail.</p><p>[2] Card fees apply.</p>"
          "<p>Normal again.<br>**Some line</p><p>Body 2 ends</p>");
    assert_int_equal(role_of("Big savings"), HD_ROLE_HEADING);
    assert_int_equal(role_of("Body text"), HD_ROLE_BODY);
    assert_int_equal(role_of("See terms"), HD_ROLE_LINK);
    assert_int_equal(role_of("Your email"), HD_ROLE_LABEL);
    assert_int_equal(role_of("Send it"), HD_ROLE_BUTTON);
    assert_int_equal(role_of("Go now"), HD_ROLE_BUTTON);
    assert_int_equal(role_of("Plan name"), HD_ROLE_CELL);
    assert_int_equal(role_of("Plan price"), HD_ROLE_CELL);
    assert_int_equal(role_of("Terms apply"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("Void where"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("* Offer"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("\xE2\x80\xA0 Limits"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("1 Rebate"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("Rebate by"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("[2] Card"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("Normal again"), HD_ROLE_BODY);
    assert_int_equal(role_of("**Some"), HD_ROLE_FINE_PRINT);
    assert_int_equal(role_of("Body 2"), HD_ROLE_BODY);
    /* a span forced by a marker keeps its element's path */
    assert_string_equal(hd_text_span_at(&page.scopes[HD_SCOPE_TEXT],
                                        (size_t)(strstr(scope(HD_SCOPE_TEXT), "**Some") -
                                                 scope(HD_SCOPE_TEXT)))->path,
                        "/html/body/p[7]");
    assert_int_equal(page.role_stats[HD_ROLE_HEADING].words, 3);
    assert_int_equal(page.role_stats[HD_ROLE_BODY].words, 8);
    assert_int_equal(page.role_stats[HD_ROLE_LINK].words, 2);
    assert_int_equal(page.role_stats[HD_ROLE_LABEL].words, 2);
    assert_int_equal(page.role_stats[HD_ROLE_BUTTON].words, 4);
    assert_int_equal(page.role_stats[HD_ROLE_CELL].words, 4);
    assert_int_equal(page.role_stats[HD_ROLE_FINE_PRINT].words, 23);
    assert_int_equal(page.role_stats[HD_ROLE_FINE_PRINT].sentences, 5);
    assert_int_equal(page.stats.words, 46);
    /* the FINE_PRINT scope is unchanged: markup only */
    assert_int_equal(page.stats.fine_print_words, 6);
}

/* The syllable counter against tests/data/syllables_en.tsv (CMU pronouncing dictionary). */
static void text_syllables_truth_list(void **state)
{
    size_t len = 0;
    char *data = ts_read(ts_path("tests/data/syllables_en.tsv"), &len);
    size_t n = 0;
    size_t ok = 0;
    size_t ok_rules = 0;
    (void)state;
    assert_non_null(data);
    for (char *line = data; line && *line;) {
        char *nl = strchr(line, '\n');
        char *tab = strchr(line, '\t');
        if (line[0] != '#' && tab && (!nl || tab < nl) && tab[1] >= '0' && tab[1] <= '9') {
            int want = tab[1] - '0';
            n++;
            ok += hd_text_syllables(line, (size_t)(tab - line)) == want ? 1u : 0u;
            ok_rules += hd_syllables_rules(line, (size_t)(tab - line)) == want ? 1u : 0u;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(data);
    print_message("syllables: %zu/%zu right (%.2f%%), rules alone %.2f%%\n", ok, n,
                  100.0 * (double)ok / (double)n, 100.0 * (double)ok_rules / (double)n);
    assert_true(n >= 1000);
    assert_true((double)ok >= 0.95 * (double)n);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(text_skips_invisible_content),     T(text_blocks_and_inline),         T(text_scopes),
        T(text_spans_carry_paths),           T(text_limit_cuts_on_a_character), T(text_syllables),
        T(text_readability_known_sentences), T(text_readability_of_a_page),
        T(text_readability_by_hand),         T(text_tokenizer_sentences),
        T(text_sentences_stop_at_blocks),    T(text_roles),
        T(text_syllables_truth_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
