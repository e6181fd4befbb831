package org.mipaaa.aaah.charges;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Pattern;

/** The text of a Billing-Period AVP: exactly "YYYY-MM", month 01-12 (docs/PROTOCOL.md §6). */
final class BillingPeriodName {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private BillingPeriodName() {
    }

    /** The month {@code text} names; empty if it is not of the form "YYYY-MM". */
    static Optional<YearMonth> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(YearMonth.parse(text)) : Optional.empty();
    }
}
