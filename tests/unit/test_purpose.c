/*
 * Unit tests of field purposes and form kinds (html/purpose.c, html/kind.c).
 */
#include <string.h>

#include "html/page.h"
#include "support.h"
#include "page_fixture.h"

static void parse(const char *html)
{
    parse_at("https://x.example/", html, NULL);
}

static const char *purpose(size_t i)
{
    assert_true(i < page.nfields);
    return page.fields[i].purpose;
}

static void purpose_autocomplete_comes_first(void **state)
{
    (void)state;
    parse("<input name=email autocomplete='shipping tel'><input autocomplete='section-a cc-exp'>"
          "<input name=phone autocomplete=off><input name=x autocomplete=bogus>");
    assert_string_equal(purpose(0), "tel");
    assert_string_equal(purpose(1), "cc-exp");
    assert_string_equal(purpose(2), "tel");
    assert_string_equal(purpose(3), "unknown");
}

static void purpose_types(void **state)
{
    (void)state;
    parse("<form><input type=email><input type=tel><input type=file name=upload>"
          "<input type=search><input type=submit><button type=button>x</button>"
          "<input type=hidden name=email></form>");
    assert_string_equal(purpose(0), "email");
    assert_string_equal(purpose(1), "tel");
    assert_string_equal(purpose(2), "receipt-upload");
    assert_string_equal(purpose(3), "search");
    assert_string_equal(purpose(4), "submit");
    assert_string_equal(purpose(5), "unknown");
    assert_string_equal(purpose(6), "unknown");
}

static void purpose_names_and_labels(void **state)
{
    (void)state;
    parse("<form><input name='BillingAddress.NameFirst'><input name=ShippingAddress_NameLast>"
          "<label>Street <input name=a1></label><input name=address2>"
          "<input name=city><input name=state><input name=zipCode><select name=country></select>"
          "<input name=cardNumber><input name=cvv><input name=expiry placeholder='MM / YY'>"
          "<input name=fullName><input name=dob><input name=upc_code><input name=serial_no>"
          "<input name=captcha_answer><input name=company></form>");
    assert_string_equal(purpose(0), "given-name");
    assert_string_equal(purpose(1), "family-name");
    assert_string_equal(purpose(2), "address-line1");
    assert_string_equal(purpose(3), "address-line2");
    assert_string_equal(purpose(4), "address-level2");
    assert_string_equal(purpose(5), "address-level1");
    assert_string_equal(purpose(6), "postal-code");
    assert_string_equal(purpose(7), "country");
    assert_string_equal(purpose(8), "cc-number");
    assert_string_equal(purpose(9), "cc-csc");
    assert_string_equal(purpose(10), "cc-exp");
    assert_string_equal(purpose(11), "name");
    assert_string_equal(purpose(12), "bday");
    assert_string_equal(purpose(13), "proof-of-purchase");
    assert_string_equal(purpose(14), "serial-number");
    assert_string_equal(purpose(15), "captcha");
    assert_string_equal(purpose(16), "organization");
}

static void purpose_other_languages(void **state)
{
    (void)state;
    parse("<form><label>Vorname <input name=a></label><label>Nachname <input name=b></label>"
          "<label>Téléphone <input name=c></label><label>Código postal <input name=d></label>"
          "<label>Фамилия <input name=e></label><label>Straße <input name=f></label></form>");
    assert_string_equal(purpose(0), "given-name");
    assert_string_equal(purpose(1), "family-name");
    assert_string_equal(purpose(2), "tel");
    assert_string_equal(purpose(3), "postal-code");
    assert_string_equal(purpose(4), "family-name");
    assert_string_equal(purpose(5), "address-line1");
}

static void purpose_passwords_new_or_current(void **state)
{
    (void)state;
    parse("<form><input type=email name=login><input type=password name=pw>"
          "<button>Sign in</button></form>"
          "<form><h2>Create your account</h2><input name=first><input type=email>"
          "<input type=password name=p1><input type=password name=p2></form>"
          "<form><input type=password name=old><input type=password name=n1>"
          "<input type=password name=n2></form>");
    assert_string_equal(purpose(0), "username");
    assert_string_equal(purpose(1), "current-password");
    assert_string_equal(purpose(5), "new-password");
    assert_string_equal(purpose(6), "new-password");
    assert_string_equal(purpose(7), "current-password");
    assert_string_equal(purpose(8), "new-password");
    assert_string_equal(purpose(9), "new-password");
    assert_string_equal(page.forms[0].kind, "login");
    assert_string_equal(page.forms[1].kind, "signup");
    assert_string_equal(page.forms[2].kind, "password-change");
}

static void purpose_seven_languages_and_structured_names(void **state)
{
    (void)state;
    parse("<form><label>Cellulare <input name=a></label><label>Woonplaats <input name=b></label>"
          "<label>Telemóvel <input name=c></label><label>Kennwort <input name=d></label>"
          "<label>Número de tarjeta <input name=e></label><label>Nom de famille <input name=f>"
          "</label><input name='order.address.phoneNumber'><input name='payment[email]'>"
          "<input name='ctl00$main$txtCity'></form>");
    assert_string_equal(purpose(0), "tel");
    assert_string_equal(purpose(1), "address-level2");
    assert_string_equal(purpose(2), "tel");
    assert_string_equal(purpose(3), "new-password");
    assert_string_equal(purpose(4), "cc-number");
    assert_string_equal(purpose(5), "family-name");
    assert_string_equal(purpose(6), "tel"); /* the last segment, not "address" */
    assert_string_equal(purpose(7), "email");
    assert_string_equal(purpose(8), "address-level2");
}

static void purpose_without_table_uses_autocomplete_and_types(void **state)
{
    const char *html = "<form><label>First name <input name=firstName></label>"
                       "<input autocomplete=nickname><input autocomplete=given-name>"
                       "<input type=email name=x><input type=tel><input name=phone>"
                       "<input type=password></form>";

    (void)state;
    assert_int_equal(hd_page_parse(&page, ctx, "u", html, strlen(html), NULL, NULL), HURDLE_OK);
    assert_string_equal(purpose(0), "unknown");
    assert_string_equal(purpose(1), "unknown"); /* no table: a token names its own purpose */
    assert_string_equal(purpose(2), "given-name");
    assert_string_equal(purpose(3), "email");
    assert_string_equal(purpose(4), "tel");
    assert_string_equal(purpose(5), "unknown");
    assert_string_equal(purpose(6), "new-password");
}

static void purpose_date_parts_follow_their_neighbours(void **state)
{
    (void)state;
    parse("<form><input name=cc-number><select name=m><option>Month</option></select>"
          "<select name=y><option>Year</option></select></form>"
          "<form><p>Date of birth</p><select name=d><option>Day</select>"
          "<select name=mo><option>Month</select><select name=yr><option>Year</select></form>");
    assert_string_equal(purpose(1), "cc-exp-month");
    assert_string_equal(purpose(2), "cc-exp-year");
    assert_string_equal(purpose(3), "bday-day");
    assert_string_equal(purpose(4), "bday-month");
    assert_string_equal(purpose(5), "bday-year");
}

static void purpose_checkboxes(void **state)
{
    (void)state;
    parse("<label><input type=checkbox> I agree to the terms</label>"
          "<label><input type=checkbox name=nl> Send me the newsletter</label>");
    assert_string_equal(purpose(0), "consent");
    assert_string_equal(purpose(1), "marketing-opt-in");
}

static void purpose_form_kinds(void **state)
{
    (void)state;
    parse("<form role=search><input type=search name=q></form>"
          "<form><input name=cardnumber><input name=cvc><input name=exp></form>"
          "<form><input name=first_name><input name=last_name><input name=address1>"
          "<input name=city><input name=zip><input name=cc-number></form>"
          "<form><h3>Newsletter</h3><input type=email name=e><button>Subscribe</button></form>"
          "<form><input name=name><input type=email><textarea name=message></textarea></form>"
          "<form><h2>Claim your rebate</h2><input name=n><input type=email>"
          "<input type=file name=receipt></form>"
          "<form><input name=misc></form>");
    assert_string_equal(page.forms[0].kind, "search");
    assert_string_equal(page.forms[1].kind, "payment");
    assert_string_equal(page.forms[2].kind, "checkout");
    assert_string_equal(page.forms[3].kind, "newsletter");
    assert_string_equal(page.forms[4].kind, "contact");
    assert_string_equal(page.forms[5].kind, "rebate-claim");
    assert_string_equal(page.forms[6].kind, "other");
}

static void purpose_form_kinds_from_words(void **state)
{
    (void)state;
    parse("<form><input type=email name=e><input type=password name=p>"
          "<button type=submit>Sign up</button></form>"
          "<form><h2>Anmelden</h2><input name=user><input type=password name=pw>"
          "<a href=/r>Passwort vergessen?</a></form>"
          "<form><input type=email name=m><input type=password name=mdp>"
          "<p>Au moins 8 caract\xc3\xa8res</p><p>D\xc3\xa9j\xc3\xa0 un compte ?</p></form>"
          "<form><p>\xc2\xbfOlvidaste tu contrase\xc3\xb1" "a? Restablecer</p><input type=email></form>"
          "<form><h3>Nieuwsbrief</h3><input type=email name=mail>"
          "<button type=submit>Aanmelden</button></form>"
          "<p>A form's text starts 150 bytes before it: this paragraph keeps the words of the "
          "form above out of the form below, as a page's other content usually does.</p>"
          "<form><p>Log in or create an account. Unsubscribe at any time.</p>"
          "<input type=email name=email><button type=submit>Continue</button></form>"
          "<form><input type=email name=email><input type=password name=pw>"
          "<input type=image name=btnLoginSubmit></form>");
    assert_string_equal(page.forms[0].kind, "signup");
    assert_string_equal(page.forms[1].kind, "login");
    assert_string_equal(page.forms[2].kind, "signup");
    assert_string_equal(page.forms[3].kind, "password-change");
    assert_string_equal(page.forms[4].kind, "newsletter");
    assert_string_equal(page.forms[5].kind, "login");
    assert_string_equal(page.forms[6].kind, "login");
}

static void purpose_form_kinds_from_fields(void **state)
{
    (void)state;
    parse("<form><input type=password maxlength=1><input type=password maxlength=1>"
          "<input type=password maxlength=1><input type=password maxlength=1></form>"
          "<form><input name=name><input type=email name=email>"
          "<select name=store><option>Nearest store</option></select>"
          "<textarea name=comments></textarea></form>"
          "<form><input name=user><input type=email name=email><input type=password name=a>"
          "<input type=password name=b><p>Add a phone for account recovery</p></form>"
          "<form><input name=user><input type=password name=c><input type=password name=d>"
          "<p>Change your password</p></form>"
          "<form><input name=first_name><input name=last_name><input name=address1>"
          "<input name=city><input name=zip><input type=email name=email>"
          "<textarea name=message></textarea></form>"
          "<form><input name=security_code aria-label='Security code'>"
          "<button type=submit>Sign in</button></form>");
    assert_string_equal(page.forms[0].kind, "login");
    assert_string_equal(page.forms[1].kind, "contact");
    assert_string_equal(page.forms[2].kind, "signup");
    assert_string_equal(page.forms[3].kind, "password-change");
    assert_string_equal(page.forms[4].kind, "contact");
    assert_string_equal(page.forms[5].kind, "login");
}

static void purpose_form_kinds_from_action_and_trial_cards(void **state)
{
    (void)state;
    parse("<form action='/help/contact'><textarea name=message></textarea><button>Send</button></form>"
          "<form action='/trial'><input type=email name=email><input type=password name=p1>"
          "<input type=password name=p2><input name=cardnumber autocomplete=cc-number>"
          "<input name=exp autocomplete=cc-exp><button>Start free trial</button></form>"
          "<form id=loginForm action='/account/session'><input type=email name=e>"
          "<button>Continue</button></form>"
          "<form action='/account/session'><input type=email name=e>"
          "<button>Continue</button></form>");
    assert_string_equal(page.forms[0].kind, "contact"); /* from the action's words */
    assert_string_equal(page.forms[1].kind, "signup");  /* an account opened with a card */
    assert_string_equal(page.forms[2].kind, "login");   /* from the form's id */
    assert_string_equal(page.forms[3].kind, "other");   /* the same without it */
}

static void purpose_uploads_receipt_or_barcode(void **state)
{
    (void)state;
    parse("<form><label>Upload a copy of your itemized receipt <input type=file name=f1></label>"
          "<label>Photo of the UPC barcode cut from the box <input type=file name=f2></label>"
          "<label>Invoice <input type=file name=invoice></label></form>");
    assert_string_equal(purpose(0), "receipt-upload");
    assert_string_equal(purpose(1), "proof-of-purchase");
    assert_string_equal(purpose(2), "receipt-upload");
}

static void purpose_main_form_weighs_controls(void **state)
{
    (void)state;
    parse("<form><input type=radio name=t value=1><input type=radio name=t value=2>"
          "<input type=radio name=t value=3><input type=radio name=t value=4></form>"
          "<form><input name=user><input type=password name=p1><input type=password name=p2>"
          "<input type=email name=email></form>"
          "<button>Accept</button><button>Reject</button><button>Settings</button>"
          "<button>Close</button><input type=checkbox name=a><input type=checkbox name=b>"
          "<input type=checkbox name=c>");
    assert_int_equal(hd_page_main_form(&page), 1);
    assert_string_equal(hd_page_main_form_kind(&page), "signup");
}

static void purpose_main_form_kind(void **state)
{
    (void)state;
    parse("<form><input type=search></form><input type=email name=u><input type=password>");
    assert_string_equal(hd_page_main_form_kind(&page), "login");
}

static void purpose_sensitive_and_lookalike_asks(void **state)
{
    (void)state;
    parse("<form><label for=s>Social Security number</label><input id=s name=ssn>"
          "<label for=h>How did you hear about us?</label><select id=h name=heard>"
          "<option>Select</option><option>Search</option><option>Friend</option></select>"
          "<label for=q>Security question</label><select id=q name=question>"
          "<option>First pet</option><option>First car</option></select>"
          "<label for=m>Mother's maiden name</label><input id=m name=maiden>"
          "<label for=c>Security code</label><input id=c name=cvc2></form>");
    assert_string_equal(purpose(0), "national-id");
    assert_string_equal(purpose(1), "unknown");
    assert_string_equal(purpose(2), "unknown");
    assert_string_equal(purpose(3), "unknown");
    assert_string_equal(purpose(4), "cc-csc");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(purpose_autocomplete_comes_first),
        T(purpose_types),
        T(purpose_names_and_labels),
        T(purpose_sensitive_and_lookalike_asks),
        T(purpose_other_languages),
        T(purpose_passwords_new_or_current),
        T(purpose_seven_languages_and_structured_names),
        T(purpose_without_table_uses_autocomplete_and_types),
        T(purpose_date_parts_follow_their_neighbours),
        T(purpose_checkboxes),
        T(purpose_form_kinds),
        T(purpose_form_kinds_from_words),
        T(purpose_form_kinds_from_fields),
        T(purpose_form_kinds_from_action_and_trial_cards),
        T(purpose_uploads_receipt_or_barcode),
        T(purpose_main_form_weighs_controls),
        T(purpose_main_form_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
