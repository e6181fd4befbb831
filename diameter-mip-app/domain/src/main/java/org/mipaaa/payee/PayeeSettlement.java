package org.mipaaa.payee;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.state.StoredValue;

/**
 * A settlement as the payee's AAAY keeps it: in mode DEBIT_PAYEE_ACCOUNT (1) the -X booked on the
 * payee's account; in HOME_ONLY (2) only that the payment was notified (no entry: paid outside).
 *
 * @param reversed whether it was cancelled (the -X credited back, once)
 */
public record PayeeSettlement(String settlementId, String payee, String orderReference, String userName, BigDecimal amount,
                              Currency currency, int mode, boolean reversed) {

    private static final int FORMAT = 1;

    public PayeeSettlement {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(orderReference, "orderReference");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * A Settlement-Id the AAAH voided before this AAAY booked anything (its PNR got no answer in time):
     * kept so that the PNR, should it still come or complete, books nothing.
     */
    public static PayeeSettlement voided(String settlementId, String userName) {
        return new PayeeSettlement(settlementId, "", "", userName, java.math.BigDecimal.ZERO, Currency.getInstance("XXX"), 0, true);
    }

    public boolean isVoided() {
        return payee.isEmpty();
    }

    /** Whether this settlement books -X on the payee's account (mode 1). */
    public boolean debitsPayee() {
        return mode == Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT;
    }

    /** What it does to the payee's balance now: -X in mode 1 unless reversed, else nothing. */
    public BigDecimal balanceEffect() {
        return debitsPayee() && !reversed ? amount.negate() : BigDecimal.ZERO;
    }

    PayeeSettlement reversedNow() {
        return new PayeeSettlement(settlementId, payee, orderReference, userName, amount, currency, mode, true);
    }

    String encode() {
        return StoredValue.encode(FORMAT, out -> {
            out.writeUTF(settlementId);
            out.writeUTF(payee);
            out.writeUTF(orderReference);
            out.writeUTF(userName);
            out.writeUTF(amount.toPlainString());
            out.writeUTF(currency.getCurrencyCode());
            out.writeInt(mode);
            out.writeBoolean(reversed);
        });
    }

    static PayeeSettlement decode(String stored) {
        return StoredValue.decode(stored, FORMAT, "payee settlement", in -> new PayeeSettlement(in.readUTF(), in.readUTF(), in.readUTF(),
                in.readUTF(), new BigDecimal(in.readUTF()), Currency.getInstance(in.readUTF()), in.readInt(), in.readBoolean()));
    }
}
