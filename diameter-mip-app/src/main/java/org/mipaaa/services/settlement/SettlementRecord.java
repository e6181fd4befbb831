package org.mipaaa.services.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

import org.mipaaa.state.StoredValue;

/**
 * One settlement as the AAAH keeps it.
 *
 * @param settlementId the Settlement-Id the AAAH assigned
 * @param requestKey   the SER it was opened by (NAI, Session-Id, End-to-End Identifier)
 * @param nai          whose account is charged
 * @param payee        Payee-Id
 * @param orderReference the order paid
 * @param goods        the goods line of the account entry
 * @param amount       X
 * @param currency     its currency
 * @param mode         Settlement-Mode
 * @param openedAt     when it was opened: the date of the account entry (fixed, so recording again finds it)
 * @param state        where it is
 * @param resultCode   for {@link SettlementState#NOT_SETTLED}: the payee side's Result-Code or
 *                     Experimental-Result-Code; else 0
 * @param vendorResult whether {@code resultCode} is an Experimental-Result-Code
 * @param errorMessage for NOT_SETTLED: what the payee side said, or why it could not be reached; else ""
 * @param reporter     for NOT_SETTLED: the Error-Reporting-Host; else ""
 * @param entryId      once SETTLED: the account entry; else ""
 * @param cancelKey    once CANCELLING: the SCR that cancels it (NAI, Session-Id, End-to-End Identifier),
 *                     so that a copy of that SCR is answered 2001 again, any other 5804; else ""
 */
public record SettlementRecord(String settlementId, String requestKey, String nai, String payee, String orderReference, String goods,
                               BigDecimal amount, Currency currency, int mode, Instant openedAt, SettlementState state,
                               long resultCode, boolean vendorResult, String errorMessage, String reporter, String entryId,
                               String cancelKey) {

    private static final int FORMAT = 2;

    public SettlementRecord {
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(orderReference, "orderReference");
        Objects.requireNonNull(goods, "goods");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(cancelKey, "cancelKey");
    }

    public SettlementRecord in(SettlementState next) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt, next,
                resultCode, vendorResult, errorMessage, reporter, entryId, cancelKey);
    }

    /** CANCELLING, by the SCR {@code key}. */
    public SettlementRecord cancelling(String key) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt,
                SettlementState.CANCELLING, resultCode, vendorResult, errorMessage, reporter, entryId, key);
    }

    public SettlementRecord settled(String entry) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt,
                SettlementState.SETTLED, 0, false, "", "", entry, cancelKey);
    }

    public SettlementRecord notSettled(long code, boolean vendor, String message, String reportedBy) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt,
                SettlementState.NOT_SETTLED, code, vendor, message, reportedBy, entryId, cancelKey);
    }

    String encode() {
        return StoredValue.encode(FORMAT, out -> {
            out.writeUTF(settlementId);
            out.writeUTF(requestKey);
            out.writeUTF(nai);
            out.writeUTF(payee);
            out.writeUTF(orderReference);
            out.writeUTF(goods);
            out.writeUTF(amount.toPlainString());
            out.writeUTF(currency.getCurrencyCode());
            out.writeInt(mode);
            out.writeLong(openedAt.toEpochMilli());
            out.writeUTF(state.name());
            out.writeLong(resultCode);
            out.writeBoolean(vendorResult);
            out.writeUTF(errorMessage);
            out.writeUTF(reporter);
            out.writeUTF(entryId);
            out.writeUTF(cancelKey);
        });
    }

    static SettlementRecord decode(String stored) {
        return StoredValue.decode(stored, FORMAT, "settlement", in -> new SettlementRecord(in.readUTF(), in.readUTF(), in.readUTF(),
                in.readUTF(), in.readUTF(), in.readUTF(), new BigDecimal(in.readUTF()), Currency.getInstance(in.readUTF()), in.readInt(),
                Instant.ofEpochMilli(in.readLong()), SettlementState.valueOf(in.readUTF()), in.readLong(), in.readBoolean(),
                in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF()));
    }
}
