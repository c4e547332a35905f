/*
 * Unit tests of the page's language (html/lang.c): <html lang> first, then
 * the stop words of the visible text, else "".
 */
#include <string.h>

#include "html/page.h"
#include "support.h"
#include "page_fixture.h"

static void expect(const char *html, const char *language, const char *source)
{
    parse_at("https://x.example/", html, NULL);
    assert_non_null(page.language);
    assert_non_null(page.language_source);
    assert_string_equal(page.language, language);
    assert_string_equal(page.language_source, source);
    hd_page_dispose(&page);
    memset(&page, 0, sizeof(page));
}

static void lang_from_html_lang(void **state)
{
    (void)state;
    expect("<html lang='en-US'><p>Der Rabatt wird nicht erstattet.</p></html>", "en", "html-lang");
    expect("<html lang='PT_br'><p>x</p></html>", "pt", "html-lang");
    expect("<html lang='zh-Hant'><p>x</p></html>", "zh", "html-lang");
    expect("<html lang=' de '><p>x</p></html>", "de", "html-lang");
    /* not a language tag: the words decide */
    expect("<html lang='x'><p>Your rebate will be mailed within eight weeks of the date we "
           "receive your claim and it is not transferable.</p></html>",
           "en", "words");
}

static void lang_from_words(void **state)
{
    (void)state;
    expect("<p>Your rebate will be mailed within eight weeks of the date we receive your claim "
           "and it is not transferable.</p>",
           "en", "words");
    expect("<p>Die Pr\xC3\xA4mie wird nach der Pr\xC3\xBC" "fung Ihrer Unterlagen auf Ihr Konto "
           "\xC3\xBC" "berwiesen und ist nicht \xC3\xBC" "bertragbar.</p>",
           "de", "words");
    expect("<p>Le remboursement est envoy\xC3\xA9 par courrier dans un d\xC3\xA9lai de huit "
           "semaines apr\xC3\xA8s la r\xC3\xA9" "ception de votre demande.</p>",
           "fr", "words");
    expect("<p>El reembolso se enviar\xC3\xA1 por correo en un plazo de ocho semanas despu\xC3\xA9s "
           "de recibir su solicitud y no es transferible.</p>",
           "es", "words");
    expect("<p>Il rimborso sar\xC3\xA0 inviato per posta entro otto settimane dalla ricezione "
           "della richiesta e non \xC3\xA8 cedibile.</p>",
           "it", "words");
    expect("<p>O reembolso ser\xC3\xA1 enviado pelo correio no prazo de oito semanas ap\xC3\xB3s o "
           "recebimento do seu pedido e n\xC3\xA3o \xC3\xA9 transfer\xC3\xADvel.</p>",
           "pt", "words");
    expect("<p>De terugbetaling wordt binnen acht weken na ontvangst van uw aanvraag per post "
           "verstuurd en is niet overdraagbaar.</p>",
           "nl", "words");
}

static void lang_unknown(void **state)
{
    (void)state;
    expect("<p>OK</p>", "", "");
    expect("", "", "");
    expect("<p>Rabatt 100 EUR Konto Pr\xC3\xA4mie Formular Bonus Kasse Aktion</p>", "", "");
    /* hidden and script text is not the page's text */
    expect("<script>var the = 'and of to is in that it for you';</script><p>Bonus</p>", "", "");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(lang_from_html_lang),
        T(lang_from_words),
        T(lang_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
