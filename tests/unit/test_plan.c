/*
 * Unit tests of html/plan.c and html/plan_card.c: plan cards, comparison
 * tables (plans by column and by row), plans without a price, the periods
 * and units of the plans' headline prices, and images that show prices.
 */
#include <stdio.h>
#include <string.h>

#include "html/page.h"
#include "support.h"

#include "page_fixture.h"

static void parse(const char *html)
{
    parse_at("https://shop.example/pricing", html, "text/html");
}

static const char *headline(size_t i)
{
    return page.plans[i].price >= 0 ? page.prices[page.plans[i].price].raw : "";
}

static void plan_cards_with_headings_and_prices(void **state)
{
    (void)state;
    parse("<h1>Plans</h1><div class=plans>"
          "<div class=card><h3>Basic</h3><p>$10/month</p><ul><li>1 user</li><li>5 GB</li></ul>"
          "</div><div class=card><h3>Pro</h3><p>$20/user/month</p>"
          "<ul><li>5 users</li><li>50 <b>GB</b></li><li>Support</li></ul></div>"
          "<div class=card><h3>Enterprise</h3><p>Contact sales</p></div></div>"
          "<p>Questions? Call us. Gift cards from $25.</p>");
    assert_int_equal(page.nplans, 3);
    assert_string_equal(page.plans[0].name, "Basic");
    assert_string_equal(page.plans[0].path, "/html/body/div[1]/div[1]");
    assert_string_equal(page.plans[0].source, "card");
    assert_string_equal(headline(0), "$10/month");
    assert_int_equal(page.plans[0].nfeatures, 2);
    assert_string_equal(page.plans[1].name, "Pro");
    assert_string_equal(headline(1), "$20/user/month");
    assert_int_equal(page.plans[1].nfeatures, 3);
    assert_string_equal(page.plans[2].name, "Enterprise");
    assert_int_equal(page.plans[2].price, -1);
    assert_int_equal(page.plan_periods, 1);
    assert_int_equal(page.plan_units, 2);
}

static void plan_table_by_column(void **state)
{
    (void)state;
    parse("<table><thead><tr><th>Feature</th><th>Lite</th><th>Max</th></tr></thead>"
          "<tbody><tr><td>Price</td><td>$5/mo</td><td>$50/yr</td></tr>"
          "<tr><td>Storage</td><td>1 GB</td><td>-</td></tr>"
          "<tr><td>Support</td><td>Yes</td><td>Yes</td></tr></tbody></table>");
    assert_int_equal(page.nplans, 2);
    assert_string_equal(page.plans[0].name, "Lite");
    assert_string_equal(page.plans[0].source, "table-column");
    assert_string_equal(headline(0), "$5/mo");
    assert_int_equal(page.plans[0].nfeatures, 2);
    assert_string_equal(page.plans[1].name, "Max");
    assert_string_equal(headline(1), "$50/yr");
    assert_int_equal(page.plans[1].nfeatures, 1);
    assert_int_equal(page.plan_periods, 2);
    assert_int_equal(page.plan_units, 1);
}

static void plan_table_by_row_leaves_fees_out(void **state)
{
    (void)state;
    parse("<table><tr><th>Plan</th><th>Price</th><th>Data</th></tr>"
          "<tr><td>Starter</td><td>$30/mo</td><td>5 GB</td></tr>"
          "<tr><td>Unlimited</td><td>$60/mo</td><td>Unlimited</td></tr>"
          "<tr><td>Activation fee</td><td>$35</td><td></td></tr></table>");
    assert_int_equal(page.nplans, 2);
    assert_string_equal(page.plans[0].name, "Starter");
    assert_string_equal(page.plans[0].source, "table-row");
    assert_int_equal(page.plans[0].nfeatures, 1);
    assert_string_equal(page.plans[1].name, "Unlimited");
    assert_string_equal(headline(1), "$60/mo");
}

static void plan_none_without_repeated_cards(void **state)
{
    (void)state;
    parse("<h1>Our price</h1><p>Everything for $12/month.</p>"
          "<div><h2>FAQ</h2><p>Can I cancel? Yes.</p></div>");
    assert_int_equal(page.nplans, 0);
    assert_int_equal(page.plan_periods, 0);
    hd_page_dispose(&page);
    parse_at("https://shop.example/a", "<table><tr><td>Total</td><td>$12</td></tr></table>", NULL);
    assert_int_equal(page.nplans, 0);
}

static void plan_price_images(void **state)
{
    (void)state;
    parse("<h1>Plans</h1><img src=\"/img/pricing-chart.png\" alt=\"\">"
          "<img src=\"/a.png\" alt=\"Our plans and prices\"><img src=\"/logo.png\" alt=\"Logo\">"
          "<div hidden><img src=\"/price.png\"></div>");
    assert_int_equal(page.price_images, 2);
    assert_int_equal(page.nprices, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(plan_cards_with_headings_and_prices),
        T(plan_table_by_column),
        T(plan_table_by_row_leaves_fees_out),
        T(plan_none_without_repeated_cards),
        T(plan_price_images),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
