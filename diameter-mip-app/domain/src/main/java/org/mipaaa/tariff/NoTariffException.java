package org.mipaaa.tariff;

import java.time.Instant;

/** No tariff of the visited realm nor of {@value Tariffs#DEFAULT_REALM} is in force at a time. */
public final class NoTariffException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NoTariffException(String visitedRealm, Instant at) {
        super("no tariff in force for realm " + visitedRealm + " at " + at + " (nor a default one)");
    }
}
