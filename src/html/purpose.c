/* stub */
#include "internal.h"
const char *hd_purpose_guess(const hd_field *f, const hd_field_x *x, const hd_purpose_form *pf)
{
    (void)f; (void)x; (void)pf;
    return "unknown";
}
void hd_purpose_fix_sequence(hd_field *fields, size_t n)
{
    (void)fields; (void)n;
}
