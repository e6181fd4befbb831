package org.mipaaa.shop;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.state.StoredValue;

/**
 * A sale a terminal with the AAA function settled itself (the seed's variant of S208-S210): in mode
 * DEBIT_PAYEE_ACCOUNT (1) the -X on the shop's own account at the terminal; in HOME_ONLY (2) the sale
 * only (paid outside the system).
 *
 * @param aaah      the AAAH that asked (Origin-Host of its SER): only it may cancel the sale
 * @param settledAt when the terminal settled it (the SEA's Event-Timestamp, the same for every copy)
 * @param reversed  whether it was cancelled (the -X credited back, once)
 */
public record TerminalSale(String settlementId, String aaah, String payee, String orderReference, String userName, BigDecimal amount,
                           Currency currency, int mode, Instant settledAt, boolean reversed) {

    private static final int FORMAT = 1;

    public TerminalSale {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(aaah, "aaah");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(orderReference, "orderReference");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(settledAt, "settledAt");
    }

    /**
     * A Settlement-Id the AAAH voided before the terminal settled it (its SER got no answer in time):
     * kept so that the SER, should it still come, settles nothing.
     */
    public static TerminalSale voided(String settlementId, String aaah, String userName, Instant at) {
        return new TerminalSale(settlementId, aaah, "", "", userName, BigDecimal.ZERO, Currency.getInstance("XXX"), 0, at, true);
    }

    public boolean isVoided() {
        return payee.isEmpty();
    }

    /** Whether it books -X on the shop's account (mode 1). */
    public boolean debitsPayee() {
        return mode == Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT;
    }

    /** What it does to the shop's balance now: -X in mode 1 unless reversed, else nothing. */
    public BigDecimal balanceEffect() {
        return debitsPayee() && !reversed ? amount.negate() : BigDecimal.ZERO;
    }

    TerminalSale reversedNow() {
        return new TerminalSale(settlementId, aaah, payee, orderReference, userName, amount, currency, mode, settledAt, true);
    }

    String encode() {
        return StoredValue.encode(FORMAT, out -> {
            out.writeUTF(settlementId);
            out.writeUTF(aaah);
            out.writeUTF(payee);
            out.writeUTF(orderReference);
            out.writeUTF(userName);
            out.writeUTF(amount.toPlainString());
            out.writeUTF(currency.getCurrencyCode());
            out.writeInt(mode);
            out.writeLong(settledAt.toEpochMilli());
            out.writeBoolean(reversed);
        });
    }

    static TerminalSale decode(String stored) {
        return StoredValue.decode(stored, FORMAT, "terminal sale", in -> new TerminalSale(in.readUTF(), in.readUTF(), in.readUTF(),
                in.readUTF(), in.readUTF(), new BigDecimal(in.readUTF()), Currency.getInstance(in.readUTF()), in.readInt(),
                Instant.ofEpochMilli(in.readLong()), in.readBoolean()));
    }
}
