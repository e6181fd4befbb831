package org.mipaaa.aaaf;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.accounting.AccountingOutbox;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.messages.AccountingRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAF's Accounting-Request from its foreign agents (seed S31 -> S32; RFC 6733 §9.7, RFC 4004 §10).
 *
 * <ol>
 * <li><b>decode</b>: the record ({@link AccountingRecord#read}: a missing AVP is 5005, a bad one 5004,
 *     with Failed-AVP).</li>
 * <li><b>validate</b>: an ACR without User-Name (optional, RFC 6733 §9.7.1) is for the node whose
 *     registration the home realm accepted in its Session-Id, the FA's AMR session ({@link VisitorEntries});
 *     a session of no accepted registration is 5002 DIAMETER_UNKNOWN_SESSION_ID and stores nothing.
 *     What is stored and forwarded always names the user, as another vendor's AAAH may need.</li>
 * <li><b>act</b>: stored in the {@link AccountingOutbox}, durably, once however often the FA sends it;
 *     the {@link HomeAccountingForwarder} takes it to the AAAH.</li>
 * <li><b>answer</b>: ACA 2001 with the record's type and number (RFC 6733 §9.7.2,
 *     {@link AccountingRecords#acknowledged}), only once stored: what the AAAF acknowledged is never lost.</li>
 * </ol>
 */
public final class VisitedAcrHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(VisitedAcrHandler.class);

    private final AccountingOutbox outbox;
    private final HomeAccountingForwarder forwarder;
    private final VisitorEntries visitors;

    public VisitedAcrHandler(AccountingOutbox outbox, HomeAccountingForwarder forwarder, VisitorEntries visitors) {
        this.outbox = outbox;
        this.forwarder = forwarder;
        this.visitors = visitors;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        AccountingRecord record;
        try {
            record = AccountingRecords.read(request.getSessionId(), request.getAvps());
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        if (record.user().isEmpty()) {
            Optional<String> visitor = visitors.userOf(record.sessionId());
            if (visitor.isEmpty()) {
                log.info("ACR {} without User-Name: no registration was accepted in this session", record.sessionId());
                return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no registration in this session and no User-Name").now();
            }
            record = record.withNai(visitor.get());
        }
        outbox.store(record);
        forwarder.wake();
        return AccountingRecords.acknowledged(record).now();
    }
}
