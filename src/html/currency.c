/*
 * html/currency.c - currency symbols, words and ISO 4217 codes as written
 * beside prices, worldwide: "$", "US$", "CA$", "€", "zł", "Kč", "kr", "руб",
 * "₹", "R$", "درهم", "EUR"... Each maps to one ISO code; an ambiguous symbol
 * ("$", "kr", "¥", "£", "Rs") maps to its most common reading and lists the
 * others, which a hint (page currency, markup, a neighbour's code) may pick.
 * Matching is exact and case-sensitive ("ft" is not forint); the longest
 * symbol wins ("US$" before "$"). Codes and words must not touch ASCII
 * letters ("SKU 12" and "12 USDT" name no currency). libc only.
 */
#include <string.h>

#include "price_int.h"

#define DOLLARS \
    "CAD AUD NZD HKD SGD MXN TWD ARS CLP COP UYU BZD BSD BBD FJD GYD JMD LRD NAD SBD SRD TTD XCD"
#define KRONER "NOK DKK ISK"
#define RUPEES "PKR LKR NPR MUR SCR"

#define S(sym, iso)           \
    {                         \
        sym, iso, NULL, false, sizeof(sym) - 1 \
    }
#define SA(sym, iso, alt)    \
    {                        \
        sym, iso, alt, false, sizeof(sym) - 1 \
    }
#define W(sym, iso)          \
    {                        \
        sym, iso, NULL, true, sizeof(sym) - 1 \
    }
#define WA(sym, iso, alt)   \
    {                       \
        sym, iso, alt, true, sizeof(sym) - 1 \
    }
#define C(code)                \
    {                          \
        code, code, NULL, true, sizeof(code) - 1 \
    }

static const hd_currency table[] = {
    /* dollars and other signs */
    SA("$", "USD", DOLLARS),
    S("US$", "USD"),
    S("U$S", "USD"),
    S("AU$", "AUD"),
    S("A$", "AUD"),
    S("CA$", "CAD"),
    SA("C$", "CAD", "NIO"),
    S("NZ$", "NZD"),
    S("HK$", "HKD"),
    S("MX$", "MXN"),
    S("S$", "SGD"),
    S("SGD$", "SGD"),
    S("R$", "BRL"),
    S("NT$", "TWD"),
    S("MOP$", "MOP"),
    S("BZ$", "BZD"),
    S("G$", "GYD"),
    S("RD$", "DOP"),
    S("J$", "JMD"),
    S("TT$", "TTD"),
    S("€", "EUR"),
    SA("£", "GBP", "EGP GIP FKP SHP"),
    S("E£", "EGP"),
    SA("¥", "JPY", "CNY"),
    SA("￥", "JPY", "CNY"),
    S("₹", "INR"),
    S("₽", "RUB"),
    S("₩", "KRW"),
    S("₪", "ILS"),
    S("₺", "TRY"),
    S("₫", "VND"),
    S("₴", "UAH"),
    S("₦", "NGN"),
    S("฿", "THB"),
    S("₱", "PHP"),
    S("₼", "AZN"),
    S("₭", "LAK"),
    S("₸", "KZT"),
    S("₾", "GEL"),
    S("₡", "CRC"),
    S("₲", "PYG"),
    S("₵", "GHS"),
    S("₮", "MNT"),
    S("₿", "XBT"),
    S("Ƀ", "XBT"),
    SA("₣", "CHF", "XOF XAF"),
    S("AU $", "AUD"),
    S("US $", "USD"),
    S("CA $", "CAD"),
    S("NZ $", "NZD"),
    S("HK $", "HKD"),
    S("B/.", "PAB"),
    S("S/.", "PEN"),
    S("S/", "PEN"),
    /* CJK, Cyrillic, Arabic, Hebrew and Indic words */
    S("元", "CNY"),
    S("人民币", "CNY"),
    S("円", "JPY"),
    S("руб", "RUB"),
    S("р.", "RUB"),
    S("Р", "RUB"),
    S("грн", "UAH"),
    S("ден", "MKD"),
    S("дин", "RSD"),
    S("лв", "BGN"),
    S("ლ", "GEL"),
    S("دينار أردني", "JOD"),
    S("Sʻ", "UZS"),
    S("تومان", "IRR"),
    S("ریال", "IRR"),
    S("ريال", "SAR"),
    SA("درهم", "AED", "MAD"),
    S("؋", "AFN"),
    S("ر.س", "SAR"),
    S("د.إ", "AED"),
    S("دج", "DZD"),
    S("د.ج", "DZD"),
    S("د.أ", "JOD"),
    S("د.ا", "JOD"),
    S("ر.ع", "OMR"),
    S("ر.ق", "QAR"),
    S("ش.ج", "ILS"),
    S("ل.س", "SYP"),
    S("ل.ل", "LBP"),
    S("ج.س", "SDG"),
    S("د.ع", "IQD"),
    S("د.ل", "LYD"),
    S("ر.ي", "YER"),
    S("ש'ח", "ILS"),
    S("ש\"ח", "ILS"),
    S("ብር", "ETB"),
    SA("ரூ", "LKR", "INR"),
    S("රු", "LKR"),
    SA("र", "NPR", "INR"),
    SA("रू", "NPR", "INR"),
    /* Latin-script words and abbreviations */
    W("zł", "PLN"),
    W("Zł", "PLN"),
    W("zl", "PLN"),
    W("Kč", "CZK"),
    WA("lei", "RON", "MDL"),
    WA("Lei", "RON", "MDL"),
    WA("LEI", "RON", "MDL"),
    W("Rp", "IDR"),
    W("RM", "MYR"),
    WA("kr", "SEK", KRONER),
    WA("Kr", "SEK", KRONER),
    WA("kr.", "DKK", "SEK NOK ISK"),
    W("Ft", "HUF"),
    W("TL", "TRY"),
    WA("Rs.", "INR", RUPEES),
    WA("Rs", "INR", RUPEES),
    WA("Br", "BYN", "ETB"),
    W("kn", "HRK"),
    W("euro", "EUR"),
    W("Euro", "EUR"),
    W("EURO", "EUR"),
    W("euros", "EUR"),
    W("ZK", "ZMW"),
    W("VT", "VUV"),
    W("USh", "UGX"),
    W("Rf", "MVR"),
    W("Lek", "ALL"),
    W("KD", "KWD"),
    W("Fdj", "DJF"),
    W("FG", "GNF"),
    W("FBu", "BIF"),
    W("Fbu", "BIF"),
    W("Dinara", "RSD"),
    WA("CFA", "XOF", "XAF"),
    WA("FCFA", "XOF", "XAF"),
    WA("Bs", "VES", "BOB"),
    W("Bs.", "BOB"),
    W("BD", "BHD"),
    W("yen", "JPY"),
    WA("Dh", "AED", "MAD"),
    W("MT", "MZN"),
    W("FRw", "RWF"),
    W("RF", "RWF"),
    W("SFr", "CHF"),
    W("Fr.", "CHF"),
    W("CHf", "CHF"),
    W("hrn", "UAH"),
    W("lari", "GEL"),
    W("so'm", "UZS"),
    WA("som", "KGS", "UZS"),
    W("Rbl", "RUB"),
    W("mkd", "MKD"),
    W("R", "ZAR"),
    W("Kz", "AOA"),
    W("GH₵", "GHS"),
    W("KSh", "KES"),
    /* ISO 4217 codes, current and a few recent ones */
    C("AED"),
    C("AFN"),
    C("ALL"),
    C("AMD"),
    C("ANG"),
    C("AOA"),
    C("ARS"),
    C("AUD"),
    C("AWG"),
    C("AZN"),
    C("BAM"),
    C("BBD"),
    C("BDT"),
    C("BGN"),
    C("BHD"),
    C("BIF"),
    C("BMD"),
    C("BND"),
    C("BOB"),
    C("BRL"),
    C("BSD"),
    C("BTN"),
    C("BWP"),
    C("BYN"),
    C("BZD"),
    C("CAD"),
    C("CDF"),
    C("CHF"),
    C("CLP"),
    C("CNY"),
    C("COP"),
    C("CRC"),
    C("CUP"),
    C("CVE"),
    C("CZK"),
    C("DJF"),
    C("DKK"),
    C("DOP"),
    C("DZD"),
    C("EGP"),
    C("ERN"),
    C("ETB"),
    C("EUR"),
    C("FJD"),
    C("FKP"),
    C("GBP"),
    C("GEL"),
    C("GHS"),
    C("GIP"),
    C("GMD"),
    C("GNF"),
    C("GTQ"),
    C("GYD"),
    C("HKD"),
    C("HNL"),
    C("HTG"),
    C("HUF"),
    C("IDR"),
    C("ILS"),
    C("INR"),
    C("IQD"),
    C("IRR"),
    C("ISK"),
    C("JMD"),
    C("JOD"),
    C("JPY"),
    C("KES"),
    C("KGS"),
    C("KHR"),
    C("KMF"),
    C("KRW"),
    C("KWD"),
    C("KYD"),
    C("KZT"),
    C("LAK"),
    C("LBP"),
    C("LKR"),
    C("LRD"),
    C("LSL"),
    C("LYD"),
    C("MAD"),
    C("MDL"),
    C("MGA"),
    C("MKD"),
    C("MMK"),
    C("MNT"),
    C("MOP"),
    C("MRU"),
    C("MUR"),
    C("MVR"),
    C("MWK"),
    C("MXN"),
    C("MYR"),
    C("MZN"),
    C("NAD"),
    C("NGN"),
    C("NIO"),
    C("NOK"),
    C("NPR"),
    C("NZD"),
    C("OMR"),
    C("PAB"),
    C("PEN"),
    C("PGK"),
    C("PHP"),
    C("PKR"),
    C("PLN"),
    C("PYG"),
    C("QAR"),
    C("RON"),
    C("RSD"),
    C("RUB"),
    C("RWF"),
    C("SAR"),
    C("SBD"),
    C("SCR"),
    C("SDG"),
    C("SEK"),
    C("SGD"),
    C("SHP"),
    C("SLE"),
    C("SOS"),
    C("SRD"),
    C("SSP"),
    C("SYP"),
    C("SZL"),
    C("THB"),
    C("TJS"),
    C("TMT"),
    C("TND"),
    C("TOP"),
    C("TRY"),
    C("TTD"),
    C("TWD"),
    C("TZS"),
    C("UAH"),
    C("UGX"),
    C("USD"),
    C("UYU"),
    C("UZS"),
    C("VES"),
    C("VND"),
    C("VUV"),
    C("WST"),
    C("XAF"),
    C("XCD"),
    C("XOF"),
    C("XPF"),
    C("YER"),
    C("ZAR"),
    C("ZMW"),
    C("ZWL"),
    C("DEM"),
    C("FRF"),
    C("HRK"),
    C("BYR"),
    C("XBT"),
    { "BTC", "XBT", NULL, true, 3 },
};

#define NCUR (sizeof(table) / sizeof(table[0]))

static bool ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const hd_currency *hd_currency_before(const char *s, size_t end, size_t *len_out)
{
    const hd_currency *best = NULL;
    size_t best_len = 0;

    for (size_t i = 0; i < NCUR && end > 0; i++) {
        const hd_currency *c = &table[i];
        size_t k = c->len;
        if (k > end || k <= best_len || s[end - 1] != c->sym[k - 1] ||
            memcmp(s + end - k, c->sym, k) != 0) {
            continue;
        }
        if (c->word && end > k && ascii_letter((unsigned char)s[end - k - 1])) {
            continue;
        }
        best = c;
        best_len = k;
    }
    *len_out = best_len;
    return best;
}

const hd_currency *hd_currency_after(const char *s, size_t len, size_t start, size_t *len_out)
{
    const hd_currency *best = NULL;
    size_t best_len = 0;

    for (size_t i = 0; i < NCUR && start < len; i++) {
        const hd_currency *c = &table[i];
        size_t k = c->len;
        if (s[start] != c->sym[0] || k <= best_len || start + k > len ||
            memcmp(s + start, c->sym, k) != 0) {
            continue;
        }
        if (c->word && start + k < len && ascii_letter((unsigned char)s[start + k])) {
            continue;
        }
        best = c;
        best_len = k;
    }
    *len_out = best_len;
    return best;
}

/* Whether s[i] continues a word: letters of one script on both sides ("труба" holds no "руб"). */
static bool inside_word(const char *s, size_t i)
{
    unsigned char a = (unsigned char)s[i - 1];
    unsigned char b = (unsigned char)s[i];

    if (ascii_letter(a) && ascii_letter(b)) {
        return true;
    }
    /* two-byte letters (Latin-1 to Arabic): a lead byte 0xC3-0xDB after a continuation byte */
    return b >= 0xC3 && b <= 0xDB && a >= 0x80 && a < 0xC0;
}

const char *hd_currency_find(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        size_t k;
        const hd_currency *c;
        if (i > 0 && inside_word(s, i)) {
            continue;
        }
        c = hd_currency_after(s, len, i, &k);
        if (c) {
            return c->iso;
        }
    }
    return NULL;
}

const char *hd_currency_refine(const hd_currency *cur, const char *hint)
{
    const char *hit;

    if (!hint || !*hint || !cur->alts || strcmp(hint, cur->iso) == 0) {
        return cur->iso;
    }
    hit = strstr(cur->alts, hint);
    return hit && strlen(hint) == 3 ? hint : cur->iso;
}

bool hd_currency_is_code(const char *s, size_t len)
{
    if (len != 3) {
        return false;
    }
    for (size_t i = 0; i < 3; i++) {
        if (s[i] < 'A' || s[i] > 'Z') {
            return false;
        }
    }
    return true;
}
