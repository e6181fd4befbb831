package org.mipaaa.aaaf;

import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.accounting.AccountingOutbox;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.messages.AccountingRecords;

/**
 * The AAAF's Accounting-Request from its foreign agents (seed S31 -> S32; RFC 6733 §9.7, RFC 4004 §10).
 *
 * <ol>
 * <li><b>decode</b>: the record ({@link AccountingRecord#read}: a missing AVP is 5005, a bad one 5004,
 *     with Failed-AVP).</li>
 * <li><b>act</b>: stored in the {@link AccountingOutbox}, durably, once however often the FA sends it;
 *     the {@link HomeAccountingForwarder} takes it to the AAAH.</li>
 * <li><b>answer</b>: ACA 2001 with the record's type and number (RFC 6733 §9.7.2,
 *     {@link AccountingRecords#acknowledged}), only once stored: what the AAAF acknowledged is never lost.</li>
 * </ol>
 */
public final class VisitedAcrHandler implements RequestHandler {

    private final AccountingOutbox outbox;
    private final HomeAccountingForwarder forwarder;

    public VisitedAcrHandler(AccountingOutbox outbox, HomeAccountingForwarder forwarder) {
        this.outbox = outbox;
        this.forwarder = forwarder;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        AccountingRecord record;
        try {
            record = AccountingRecords.read(request.getSessionId(), request.getAvps());
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        outbox.store(record);
        forwarder.wake();
        return AccountingRecords.acknowledged(record).now();
    }
}
