package org.mipaaa.settlement;

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
 * @param terminalHost where it is settled when the payee's terminal settles itself (the carrier's
 *                     agreement when it was opened, {@link SettlingTerminals}); "" when the payee's AAAY
 *                     is notified. Fixed at open, so the settlement, its void and its cancellation all
 *                     go to the same place even if the agreement changes meanwhile.
 * @param terminalRealm that terminal's realm (Destination-Realm); "" with the AAAY
 */
public record SettlementRecord(String settlementId, String requestKey, String nai, String payee, String orderReference, String goods,
                               BigDecimal amount, Currency currency, int mode, Instant openedAt, SettlementState state,
                               long resultCode, boolean vendorResult, String errorMessage, String reporter, String entryId,
                               String cancelKey, String terminalHost, String terminalRealm) {

    private static final int FORMAT = 3;
    /** Before the terminal-settles variant: no terminal fields (read as settled through the AAAY). */
    private static final int FORMAT_WITHOUT_TERMINAL = 2;

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
        Objects.requireNonNull(terminalHost, "terminalHost");
        Objects.requireNonNull(terminalRealm, "terminalRealm");
    }

    /**
     * A settlement just opened by its SER: awaiting the user's confirmation, no outcome, no entry, not
     * cancelled; {@code terminalHost} and {@code terminalRealm} "" when the payee's AAAY is notified.
     */
    public static SettlementRecord opened(String settlementId, String requestKey, String nai, String payee, String orderReference,
                                          String goods, BigDecimal amount, Currency currency, int mode, Instant openedAt,
                                          String terminalHost, String terminalRealm) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt,
                SettlementState.AWAITING_CONFIRMATION, 0, false, "", "", "", "", terminalHost, terminalRealm);
    }

    /** Whether the payee's terminal settles it itself (the SER goes there, not a PNR to the AAAY). */
    public boolean settledByTerminal() {
        return !terminalHost.isEmpty();
    }

    public SettlementRecord in(SettlementState next) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt, next,
                resultCode, vendorResult, errorMessage, reporter, entryId, cancelKey, terminalHost, terminalRealm);
    }

    /** CANCELLING, by the SCR {@code key}. */
    public SettlementRecord cancelling(String key) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt,
                SettlementState.CANCELLING, resultCode, vendorResult, errorMessage, reporter, entryId, key, terminalHost, terminalRealm);
    }

    public SettlementRecord settled(String entry) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt,
                SettlementState.SETTLED, 0, false, "", "", entry, cancelKey, terminalHost, terminalRealm);
    }

    public SettlementRecord notSettled(long code, boolean vendor, String message, String reportedBy) {
        return new SettlementRecord(settlementId, requestKey, nai, payee, orderReference, goods, amount, currency, mode, openedAt,
                SettlementState.NOT_SETTLED, code, vendor, message, reportedBy, entryId, cancelKey, terminalHost, terminalRealm);
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
            out.writeUTF(terminalHost);
            out.writeUTF(terminalRealm);
        });
    }

    static SettlementRecord decode(String stored) {
        if (StoredValue.format(stored) == FORMAT_WITHOUT_TERMINAL) {
            return StoredValue.decode(stored, FORMAT_WITHOUT_TERMINAL, "settlement", in -> read(in, false));
        }
        return StoredValue.decode(stored, FORMAT, "settlement", in -> read(in, true));
    }

    private static SettlementRecord read(java.io.DataInputStream in, boolean withTerminal) throws java.io.IOException {
        return new SettlementRecord(in.readUTF(), in.readUTF(), in.readUTF(),
                in.readUTF(), in.readUTF(), in.readUTF(), new BigDecimal(in.readUTF()), Currency.getInstance(in.readUTF()), in.readInt(),
                Instant.ofEpochMilli(in.readLong()), SettlementState.valueOf(in.readUTF()), in.readLong(), in.readBoolean(),
                in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), withTerminal ? in.readUTF() : "", withTerminal ? in.readUTF() : "");
    }
}
