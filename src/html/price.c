/* stub */
#include "internal.h"
int hd_price_extract(hd_page *page, size_t max_prices)
{
    (void)page; (void)max_prices;
    return 0;
}
int hd_price_parse_one(hd_price *out, const char *s, size_t len)
{
    (void)out; (void)s; (void)len;
    return 0;
}
