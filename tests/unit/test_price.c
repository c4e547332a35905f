/*
 * Unit tests of prices: amounts in every separator convention, currencies
 * worldwide and hints, ranges, "free", split and struck-through prices,
 * periods, units, qualifiers, promotions and their monthly and first-year
 * sums, and prices from markup (microdata, JSON-LD, meta tags).
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
    assert_int_equal(hd_price_parse_one(&p, "free trial", 10), 0);
    assert_int_equal(hd_price_parse_one(&p, "40% off", 7), 0);
    assert_int_equal(hd_price_parse_one(&p, "gluten-free", 11), 0);
}

static void price_free_is_zero(void **state)
{
    hd_price p;
    (void)state;
    assert_int_equal(hd_price_parse_one(&p, "Free!", 5), 1);
    assert_true(p.free);
    assert_true(p.amount == 0.0);
    assert_true(p.monthly == 0.0);
    assert_string_equal(p.source, "text");
}

static void price_currencies_worldwide(void **state)
{
    (void)state;
    check("12,99 €", 12.99, "EUR", "", "", false);
    check("R$ 1.299,90", 1299.9, "BRL", "", "", false);
    check("C$5", 5.0, "CAD", "", "", false);
    check("AU$ 30", 30.0, "AUD", "", "", false);
    check("MX$100", 100.0, "MXN", "", "", false);
    check("HK$88", 88.0, "HKD", "", "", false);
    check("S$12", 12.0, "SGD", "", "", false);
    check("₩10,000", 10000.0, "KRW", "", "", false);
    check("990 ₽", 990.0, "RUB", "", "", false);
    check("99 kr", 99.0, "SEK", "", "", false);
    check("₺50", 50.0, "TRY", "", "", false);
    check("R 199", 199.0, "ZAR", "", "", false);
    check("CNY 100", 100.0, "CNY", "", "", false);
    check("45 Kč", 45.0, "CZK", "", "", false);
    check("1 299,00 zł", 1299.0, "PLN", "", "", false);
    check("CHF 1'299.00", 1299.0, "CHF", "", "", false);
    check("3,439.00 درهم", 3439.0, "AED", "", "", false);
    check("NT$300", 300.0, "TWD", "", "", false);
    check("US$:12.99", 12.99, "USD", "", "", false);
}

static void price_hints(void **state)
{
    hd_price p;
    (void)state;
    assert_int_equal(hd_price_parse_hint(&p, "$10", 3, "CAD", 3), 1);
    assert_string_equal(p.currency, "CAD");
    assert_int_equal(hd_price_parse_hint(&p, "99 kr", 5, "NOK", 3), 1);
    assert_string_equal(p.currency, "NOK");
    assert_int_equal(hd_price_parse_hint(&p, "¥1,200", strlen("¥1,200"), "CNY", 3), 1);
    assert_string_equal(p.currency, "CNY");
    assert_int_equal(hd_price_parse_hint(&p, "€5", strlen("€5"), "USD", 3), 1);
    assert_string_equal(p.currency, "EUR"); /* never overrides an unambiguous symbol */
    assert_int_equal(hd_price_parse_hint(&p, "23.90", 5, "Price in £", strlen("Price in £")), 1);
    assert_string_equal(p.currency, "GBP");
    assert_int_equal(hd_price_parse_hint(&p, "", 0, "Kč", strlen("Kč")), 0);
    assert_string_equal(p.currency, "CZK");
    assert_int_equal(hd_price_parse_hint(&p, "12", 2, "Печная труба", strlen("Печная труба")), 1);
    assert_string_equal(p.currency, ""); /* "труба" holds no "руб" */
}

static void price_separators_and_ranges(void **state)
{
    hd_price p;
    (void)state;
    check("35€99", 35.99, "EUR", "", "", false);
    check("1250€ 60", 1250.6, "EUR", "", "", false);
    check("$ 8. 94", 8.94, "USD", "", "", false);
    check("118, 99 TL", 118.99, "TRY", "", "", false);
    check(".75 €", 0.75, "EUR", "", "", false);
    check("$..75", 0.75, "USD", "", "", false);
    assert_int_equal(hd_price_parse_one(&p, "$10–$20", strlen("$10–$20")), 1);
    assert_true(p.amount == 10.0 && p.amount_max == 20.0);
    assert_int_equal(hd_price_parse_one(&p, "From 26 to 50 €", strlen("From 26 to 50 €")), 1);
    assert_true(p.amount == 26.0 && p.amount_max == 50.0 && p.from);
    assert_string_equal(p.currency, "EUR");
    assert_int_equal(hd_price_parse_one(&p, "£6.95 - £9.95", strlen("£6.95 - £9.95")), 1);
    assert_true(p.amount == 6.95 && p.amount_max == 9.95);
}

static void one(hd_price *p, const char *s)
{
    if (!hd_price_parse_one(p, s, strlen(s))) {
        fail_msg("no price in [%s]", s);
    }
}

static void price_qualifiers(void **state)
{
    hd_price p;
    (void)state;
    one(&p, "$50/mo with AutoPay");
    assert_true(p.autopay);
    one(&p, "$65/mo without autopay");
    assert_false(p.autopay);
    one(&p, "$35/mo with a 24-month contract");
    assert_int_equal(p.contract_months, 24);
    one(&p, "$40/mo on a 2-year agreement");
    assert_int_equal(p.contract_months, 24);
    one(&p, "$199.99 after $50 mail-in rebate");
    assert_true(p.after_rebate);
    assert_false(p.after_savings);
    one(&p, "$799 after instant savings");
    assert_true(p.after_savings);
    one(&p, "Save up to $500");
    assert_true(p.up_to);
    one(&p, "$60/mo plus taxes and fees");
    assert_true(p.plus_taxes);
    one(&p, "$60/mo incl. taxes and fees");
    assert_false(p.plus_taxes);
    one(&p, "$30/mo*");
    assert_true(p.asterisk);
    one(&p, "$0.01 per message");
    assert_string_equal(p.unit, "message");
    one(&p, "$20 / month");
    assert_string_equal(p.period, "month");
    one(&p, "Was $50");
    assert_true(p.struck);
}

static void price_equivalents(void **state)
{
    hd_price p;
    (void)state;
    one(&p, "$149/year");
    assert_true(p.monthly == 12.42 && p.first_year == 149.0 && p.monthly_regular == 12.42);
    one(&p, "$10/mo");
    assert_true(p.monthly == 10.0 && p.first_year == 120.0);
    one(&p, "$5 weekly");
    assert_true(p.monthly == 21.67 && p.first_year == 260.0);
    one(&p, "$49 one-time");
    assert_true(p.monthly == -1.0 && p.first_year == 49.0);
    one(&p, "$40/hr");
    assert_true(p.monthly == -1.0 && p.first_year == -1.0);
    one(&p, "$99");
    assert_true(p.monthly == -1.0 && p.first_year == -1.0);
    one(&p, "$9.99/mo for 12 months");
    assert_int_equal(p.promo_months, 12);
    assert_true(p.monthly == 9.99 && p.first_year == 119.88);
}

static const hd_price *page_price(const hd_page *page, size_t i)
{
    assert_true(i < page->nprices);
    return &page->prices[i];
}

static void price_promotion_then_regular(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_page page;
    static const char html[] =
        "<p>Internet 300: $9.99/mo for the first 6 months, then $24.99/mo.</p>"
        "<p>Streaming: Free for 3 months, then $8/mo</p>";
    const hd_price *p;
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, sizeof(html) - 1, NULL, NULL), HURDLE_OK);
    p = page_price(&page, 0);
    assert_int_equal(p->promo_months, 6);
    assert_true(p->regular_amount == 24.99);
    assert_true(p->monthly == 9.99 && p->monthly_regular == 24.99);
    assert_true(p->first_year == 209.88); /* 6 x 9.99 + 6 x 24.99 */
    p = page_price(&page, 2);
    assert_true(p->free && p->promo_months == 3 && p->regular_amount == 8.0);
    assert_true(p->first_year == 72.0);
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

static void price_struck_and_split(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_page page;
    static const char html[] =
        "<div class=card><p><del>$29.99</del> $19.99</p></div>"
        "<div class=card><span "
        "class=price><span>$</span><span>19</span><sup>99</sup></span>/mo</div>"
        "<div><span class=\"price old-price\">€80</span></div><div>€60</div>"
        "<p>Was $50, now $40</p><p>Regular price: $75</p>";
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, sizeof(html) - 1, NULL, NULL), HURDLE_OK);
    assert_int_equal(page.nprices, 8);
    assert_true(page_price(&page, 0)->struck && page_price(&page, 0)->amount == 29.99);
    assert_true(!page_price(&page, 1)->struck && page_price(&page, 1)->was_amount == 29.99);
    assert_true(page_price(&page, 2)->amount == 19.99);
    assert_string_equal(page_price(&page, 2)->period, "month");
    assert_true(page_price(&page, 3)->struck);
    assert_true(page_price(&page, 4)->was_amount == 80.0);
    assert_true(page_price(&page, 5)->struck && page_price(&page, 6)->was_amount == 50.0);
    assert_false(page_price(&page, 7)->struck);
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

static void price_from_markup(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_page page;
    static const char html[] =
        "<html><head><meta property=\"og:price:amount\" content=\"15.00\">"
        "<meta property=\"og:price:currency\" content=\"GBP\">"
        "<script type=\"application/ld+json\">{\"@type\":\"Product\",\"offers\":"
        "[{\"@type\":\"Offer\",\"price\":\"49.00\",\"priceCurrency\":\"CAD\"},"
        "{\"@type\":\"AggregateOffer\",\"lowPrice\":10,\"highPrice\":\"30\","
        "\"priceCurrency\":\"CAD\"}]}</script></head><body>"
        "<div itemscope itemtype=\"https://schema.org/Offer\"><span itemprop=price "
        "content=\"1299.00\">1.299,00</span><meta itemprop=priceCurrency content=EUR></div>"
        "<p>Only $12</p></body></html>";
    const hd_price *p;
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, sizeof(html) - 1, NULL, NULL), HURDLE_OK);
    assert_int_equal(page.nprices, 5);
    p = page_price(&page, 0);
    assert_true(p->amount == 12.0);
    assert_string_equal(p->currency, "USD"); /* the page's GBP is no reading of "$" */
    p = page_price(&page, 1);
    assert_true(p->amount == 15.0);
    assert_string_equal(p->currency, "GBP");
    assert_string_equal(p->source, "meta");
    p = page_price(&page, 2);
    assert_true(p->amount == 49.0);
    assert_string_equal(p->currency, "CAD");
    assert_string_equal(p->source, "json-ld");
    p = page_price(&page, 3);
    assert_true(p->amount == 10.0 && p->amount_max == 30.0);
    assert_string_equal(p->currency, "CAD");
    p = page_price(&page, 4);
    assert_true(p->amount == 1299.0);
    assert_string_equal(p->currency, "EUR");
    assert_string_equal(p->source, "microdata");
    assert_true(p->monthly == -1.0);
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

static void price_page_currency(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_page page;
    static const char html[] =
        "<html lang=en-CA><body><p>Plan: $12/mo</p>"
        "<p><span itemprop=price content=\"12.00\">$12</span></p></body></html>";
    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, sizeof(html) - 1, NULL, NULL), HURDLE_OK);
    assert_int_equal(page.nprices, 2);
    assert_string_equal(page.prices[0].currency, "CAD");
    assert_string_equal(page.prices[0].source, "text");
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
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
    assert_int_equal(page.nprices, 3);
    assert_true(page.prices[0].free); /* "Free forever" */
    assert_string_equal(page.prices[0].raw, "Free");
    page.prices++;
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
    page.prices--;
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
        cmocka_unit_test(price_amount_conventions),
        cmocka_unit_test(price_periods_units_and_from),
        cmocka_unit_test(price_not_prices),
        cmocka_unit_test(price_found_in_page_text),
        cmocka_unit_test(price_limit_warns),
        cmocka_unit_test(price_free_is_zero),
        cmocka_unit_test(price_currencies_worldwide),
        cmocka_unit_test(price_hints),
        cmocka_unit_test(price_separators_and_ranges),
        cmocka_unit_test(price_qualifiers),
        cmocka_unit_test(price_equivalents),
        cmocka_unit_test(price_promotion_then_regular),
        cmocka_unit_test(price_struck_and_split),
        cmocka_unit_test(price_from_markup),
        cmocka_unit_test(price_page_currency),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
