/*
 * Unit tests of prices: amounts in both separator conventions, currencies,
 * periods, units, "from" prices, and prices found in a page's text.
 */
#include <math.h>
#include <string.h>

#include "html/page.h"
#include "support.h"

static void check(
    const char *s, double amount, const char *cur, const char *period, const char *unit, bool from)
{
    hd_price p;

    if (!hd_price_parse_one(&p, s, strlen(s))) {
        fail_msg("no price in [%s]", s);
    }
    if (fabs(p.amount - amount) > 1e-9) {
        fail_msg("[%s]: amount %f, expected %f", s, p.amount, amount);
    }
    assert_string_equal(p.currency, cur);
    assert_string_equal(p.period, period);
    assert_string_equal(p.unit, unit);
    assert_int_equal(p.from, from);
}

static void price_amount_conventions(void **state)
{
    (void)state;
    check("$1,299.00", 1299.0, "USD", "", "", false);
    check("1.299,00 €", 1299.0, "EUR", "", "", false);
    check("1 299,00 €", 1299.0, "EUR", "", "", false);
    check("1\xC2\xA0"
          "299,50\xC2\xA0\xE2\x82\xAC",
          1299.5, "EUR", "", "", false);
    check("CHF 1'049.95", 1049.95, "CHF", "", "", false);
    check("£19", 19.0, "GBP", "", "", false);
    check("19,99 zł", 19.99, "PLN", "", "", false);
    check("¥1,200", 1200.0, "JPY", "", "", false);
    check("₹ 499", 499.0, "INR", "", "", false);
    check("USD 12.5", 12.5, "USD", "", "", false);
    check("12 EUR", 12.0, "EUR", "", "", false);
    check("A$20", 20.0, "AUD", "", "", false);
    check("CA$ 7", 7.0, "CAD", "", "", false);
    check("1,5 Kč", 1.5, "CZK", "", "", false);
}

static void price_periods_units_and_from(void **state)
{
    (void)state;
    check("$19.99/mo", 19.99, "USD", "month", "", false);
    check("$10 per user per month", 10.0, "USD", "month", "user", false);
    check("$8/seat/month", 8.0, "USD", "month", "seat", false);
    check("€99 annually", 99.0, "EUR", "year", "", false);
    check("$120/yr", 120.0, "USD", "year", "", false);
    check("$5 weekly", 5.0, "USD", "week", "", false);
    check("$2 per day", 2.0, "USD", "day", "", false);
    check("$40/hr", 40.0, "USD", "hour", "", false);
    check("$49 one-time", 49.0, "USD", "once", "", false);
    check("$0.10 per GB", 0.10, "USD", "", "gb", false);
    check("starting at $9.99 a month", 9.99, "USD", "month", "", true);
    check("From £5", 5.0, "GBP", "", "", true);
    check("as low as $3/line", 3.0, "USD", "", "line", true);
}

static void price_not_prices(void **state)
{
    hd_price p;
    (void)state;
    assert_int_equal(hd_price_parse_one(&p, "Free", 4), 0);
    assert_int_equal(hd_price_parse_one(&p, "free trial", 10), 0);
    assert_int_equal(hd_price_parse_one(&p, "40% off", 7), 0);
}

static void price_found_in_page_text(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_page page;
    static const char html[] =
        "<h2>Plans</h2><div class=plan><p>Basic</p><p>Free forever</p></div>"
        "<div class=plan><p>Pro <span>$12/user/month</span>, billed annually</p>"
        "<p>Enterprise from USD 1,200.00 per year</p><p>Save 20% today, 3 devices</p></div>";
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, sizeof(html) - 1, NULL, NULL), HURDLE_OK);
    assert_int_equal(page.nprices, 2);
    assert_true(fabs(page.prices[0].amount - 12.0) < 1e-9);
    assert_string_equal(page.prices[0].raw, "$12/user/month");
    assert_string_equal(page.prices[0].unit, "user");
    assert_string_equal(page.prices[0].period, "month");
    assert_string_equal(page.prices[0].context, "Pro $12/user/month, billed annually");
    assert_string_equal(page.prices[0].path, "/html/body/div[2]/p[1]/span[1]");
    assert_false(page.prices[0].from);
    assert_true(fabs(page.prices[1].amount - 1200.0) < 1e-9);
    assert_string_equal(page.prices[1].currency, "USD");
    assert_string_equal(page.prices[1].period, "year");
    assert_true(page.prices[1].from);
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

static void price_limit_warns(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_page page;
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    static const char html[] = "<p>$1 $2 $3 $4 $5</p>";
    (void)state;
    lim.max_prices = 3;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, sizeof(html) - 1, NULL, &lim), HURDLE_OK);
    assert_int_equal(page.nprices, 3);
    assert_string_equal(page.warnings[0], "more than 3 prices; the rest were not kept");
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(price_amount_conventions), cmocka_unit_test(price_periods_units_and_from),
        cmocka_unit_test(price_not_prices),         cmocka_unit_test(price_found_in_page_text),
        cmocka_unit_test(price_limit_warns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
