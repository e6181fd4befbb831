package org.mipaaa.agent.services;

import org.mipaaa.dictionary.Enumerations;

/**
 * How a settlement is paid out (seed Figs. 16-17; docs/PROTOCOL.md §4.4, Settlement-Mode).
 *
 * <p>Immutable, so thread-safe.
 */
public enum SettlementMode {
    /** The seed's mode (1): +X on the node's account at its AAAH and -X on the payee's account at the payee's AAA server. */
    DEBIT_PAYEE_ACCOUNT(Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT),
    /** The seed's mode (2): +X at the AAAH only; the payee is paid outside the system. */
    HOME_ONLY(Enumerations.SETTLEMENT_MODE_HOME_ONLY);

    private final int code;

    SettlementMode(int code) {
        this.code = code;
    }

    /** The Settlement-Mode value on the wire. */
    public int code() {
        return code;
    }

    /** The mode of a Settlement-Mode value. */
    public static SettlementMode of(long code) {
        for (SettlementMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown Settlement-Mode " + code);
    }
}
