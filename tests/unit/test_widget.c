/*
 * Unit tests of html/widget.c: captcha widgets (reCAPTCHA, hCaptcha,
 * Turnstile, image captchas) and the steps of a flow (text in seven
 * languages, step lists, progress bars).
 */
#include <stdio.h>
#include <string.h>

#include "html/page.h"
#include "support.h"
#include "page_fixture.h"

static void parse(const char *html)
{
    parse_at("https://shop.example/signup/", html, "text/html");
}

static void widget_recaptcha_div_and_its_frame_count_once(void **state)
{
    (void)state;
    parse("<form><input name=email type=email>"
          "<div class=\"g-recaptcha\" data-sitekey=\"6Lc\">"
          "<iframe src=\"https://www.google.com/recaptcha/api2/anchor?k=6Lc\"></iframe></div>"
          "<button>Go</button></form>"
          "<iframe src=\"https://www.google.com/recaptcha/api2/bframe?k=6Lc\"></iframe>");
    assert_int_equal(page.ncaptchas, 1);
    assert_string_equal(page.captchas[0].kind, "recaptcha");
    assert_int_equal(page.captchas[0].form, 0);
    assert_int_equal(page.captchas[0].field, -1);
    assert_string_equal(page.captchas[0].path, "/html/body/form[1]/div[1]");
}

static void widget_hcaptcha_turnstile_and_frames(void **state)
{
    (void)state;
    parse("<div class=\"h-captcha\" data-sitekey=\"x\"></div>"
          "<form><div class=\"cf-turnstile\" data-sitekey=\"y\"></div></form>"
          "<iframe "
          "src=\"https://newassets.hcaptcha.com/captcha/v1/x/static/hcaptcha.html#frame=checkbox\">"
          "</iframe>"
          "<iframe "
          "src=\"https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/turnstile\">"
          "</iframe>"
          "<div id=\"recaptcha-box\" data-sitekey=\"z\"></div>");
    assert_int_equal(page.ncaptchas, 5);
    assert_string_equal(page.captchas[0].kind, "hcaptcha");
    assert_int_equal(page.captchas[0].form, -1);
    assert_string_equal(page.captchas[1].kind, "turnstile");
    assert_int_equal(page.captchas[1].form, 0);
    assert_string_equal(page.captchas[2].kind, "hcaptcha");
    assert_string_equal(page.captchas[3].kind, "turnstile");
    assert_string_equal(page.captchas[4].kind, "recaptcha");
}

static void widget_invisible_and_hidden_captchas_are_left_out(void **state)
{
    (void)state;
    parse("<div class=\"g-recaptcha\" data-sitekey=\"a\" data-size=\"invisible\"></div>"
          "<div class=\"cf-turnstile\" data-appearance=\"interaction-only\"></div>"
          "<div style=\"display:none\"><div class=\"h-captcha\"></div></div>"
          "<div class=\"recaptcha-note\">Protected by reCAPTCHA</div>"
          "<iframe src=\"https://www.google.com/maps/embed\"></iframe>");
    assert_int_equal(page.ncaptchas, 0);
}

static void widget_image_captcha_needs_a_text_input(void **state)
{
    (void)state;
    parse("<form><label>Name <input name=name></label>"
          "<img src=\"/captcha.php?id=1\" alt=\"security code\">"
          "<label>Enter the code shown <input name=code></label><button>Send</button></form>"
          "<p><img src=\"/img/captcha-logo.png\" alt=\"\"></p>"
          "<form><input type=checkbox name=x><img id=captchaImage src=c.png>"
          "<button>Go</button></form>");
    assert_int_equal(page.ncaptchas, 1);
    assert_string_equal(page.captchas[0].kind, "image");
    assert_int_equal(page.captchas[0].field, 1);
    assert_string_equal(page.fields[1].name, "code");
    assert_string_equal(page.fields[1].purpose, "captcha");
}

static void widget_steps_from_text_in_seven_languages(void **state)
{
    static const struct {
        const char *text;
        size_t step, steps;
    } cases[] = {
        { "Step 2 of 4", 2, 4 },
        { "Schritt 3 von 5", 3, 5 },
        { "\xc3\x89tape 1 sur 3", 1, 3 },
        { "\xc3\xa9tape 2 sur 3", 2, 3 },
        { "Paso 2 de 4", 2, 4 },
        { "Passo 2 di 4", 2, 4 },
        { "Passo 1 de 2", 1, 2 },
        { "Stap 4 van 4", 4, 4 },
        { "STEP 2/6: Your details", 2, 6 },
    };
    static const char *const no[] = { "Step 1",
                                      "Step 5 of 4",
                                      "Steps 2 of 4",
                                      "footstep 2 of 4",
                                      "Step 2 of the plan",
                                      "Step 1 of 1",
                                      "We ship in 2 of 4 days" };
    size_t s = 0;
    size_t n = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        s = n = 0;
        if (!hd_widget_steps_text(cases[i].text, strlen(cases[i].text), &s, &n)) {
            fail_msg("no steps in \"%s\"", cases[i].text);
        }
        assert_int_equal(s, cases[i].step);
        assert_int_equal(n, cases[i].steps);
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        if (hd_widget_steps_text(no[i], strlen(no[i]), &s, &n)) {
            fail_msg("steps found in \"%s\"", no[i]);
        }
    }
}

static void widget_steps_from_the_page(void **state)
{
    (void)state;
    parse("<h2>Schritt 2 von 3</h2><progress value=1 max=5></progress>");
    assert_int_equal(page.step, 2);
    assert_int_equal(page.steps, 3);
}

static void widget_steps_from_a_step_list(void **state)
{
    (void)state;
    parse("<ol class=\"checkout-steps\"><li class=done>Cart</li><li>"
          "<a href=#d aria-current=\"step\">Details</a></li><li>Pay</li><li>Done</li></ol>"
          "<progress value=3 max=4></progress>");
    assert_int_equal(page.step, 2);
    assert_int_equal(page.steps, 4);
    hd_page_dispose(&page);
    parse("<ul id=wizard><li>A</li><li class=\"wizard__step--active\">B</li><li>C</li></ul>");
    assert_int_equal(page.step, 2);
    assert_int_equal(page.steps, 3);
    hd_page_dispose(&page);
    parse("<ul class=\"nav inactive\"><li>A</li><li class=active>B</li></ul>"
          "<ul class=steps><li class=inactive>A</li><li>B</li></ul>");
    assert_int_equal(page.steps, 0);
    assert_int_equal(page.step, 0);
}

static void widget_steps_from_progress_bars(void **state)
{
    (void)state;
    parse("<progress value=\"3\" max=\"4\"></progress>");
    assert_int_equal(page.step, 3);
    assert_int_equal(page.steps, 4);
    hd_page_dispose(&page);
    parse("<div role=progressbar aria-valuenow=2 aria-valuemin=1 aria-valuemax=3></div>");
    assert_int_equal(page.step, 2);
    assert_int_equal(page.steps, 3);
    hd_page_dispose(&page);
    parse("<div role=progressbar aria-valuenow=50 aria-valuemax=100 "
          "aria-valuetext=\"Step 2 of 4\"></div>");
    assert_int_equal(page.steps, 4);
    hd_page_dispose(&page);
    parse("<progress value=40 max=100></progress>"
          "<div role=progressbar aria-valuenow=50 aria-valuemax=100></div>");
    assert_int_equal(page.steps, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(widget_recaptcha_div_and_its_frame_count_once),
        T(widget_hcaptcha_turnstile_and_frames),
        T(widget_invisible_and_hidden_captchas_are_left_out),
        T(widget_image_captcha_needs_a_text_input),
        T(widget_steps_from_text_in_seven_languages),
        T(widget_steps_from_the_page),
        T(widget_steps_from_a_step_list),
        T(widget_steps_from_progress_bars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
