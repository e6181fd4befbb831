package org.mipaaa.aaah.accounting;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.Recorded;
import org.mipaaa.ledger.UsageReport;
import org.mipaaa.messages.AccountingRecords;
import org.mipaaa.registration.SessionOwners;
import org.mipaaa.registration.SubscriberDirectory;
import org.mipaaa.tariff.NoTariffException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Accounting-Request (seed S13-S14; RFC 6733 §9.7, RFC 4004 §10): the usage of a visit,
 * reported by the AAAF of the visited realm, becomes a communication-fee entry of the account database.
 *
 * <ol>
 * <li><b>decode</b>: the record ({@link AccountingRecord#read}: 5005 / 5004 with Failed-AVP); the visited
 *     realm is the ACR's Origin-Realm.</li>
 * <li><b>validate</b>: the user is the ACR's User-Name or, without one (optional, RFC 6733 §9.7.1),
 *     the owner of its Acct-Multi-Session-Id, the value the home agent gave the registration this AAAH
 *     accepted ({@link SessionOwners}); an id no registration here named is 5002
 *     DIAMETER_UNKNOWN_SESSION_ID (whose session it is cannot be told). The user is a subscriber of this
 *     AAAH, else 5003 DIAMETER_AUTHORIZATION_REJECTED (nobody to charge).</li>
 * <li><b>act</b>: {@link AccountDatabase#recordUsage}: the fee for the usage since the session's previous
 *     record at the tariff in force, durable when it returns; a record seen before (retransmitted, T flag
 *     or not, or sent again after an outage) records nothing new. Counters that went backwards, a
 *     session of another user, or no tariff in force: 5012 DIAMETER_UNABLE_TO_COMPLY.</li>
 * <li><b>answer</b>: ACA 2001 with the record's type and number, the same for a record seen before.</li>
 * </ol>
 */
public final class HomeAcrHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(HomeAcrHandler.class);

    private final AccountDatabase accounts;
    private final SubscriberDirectory subscribers;
    private final SessionOwners owners;

    public HomeAcrHandler(AccountDatabase accounts, SubscriberDirectory subscribers, SessionOwners owners) {
        this.accounts = accounts;
        this.subscribers = subscribers;
        this.owners = owners;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        return record(request).now();
    }

    private Outcome record(Request request) {
        AccountingRecord record;
        String visitedRealm;
        try {
            record = AccountingRecords.read(request.getSessionId(), request.getAvps());
            visitedRealm = Avps.utf8(Avps.require(request.getAvps(), AvpCodes.ORIGIN_REALM, "Origin-Realm"));
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        if (record.user().isEmpty()) {
            Optional<String> owner = owners.ownerOfMultiSession(record.acctMultiSessionId());
            if (owner.isEmpty()) {
                log.info("ACR {} without User-Name: Acct-Multi-Session-Id {} names no registration here", record.sessionId(),
                        record.acctMultiSessionId());
                return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no registration of Acct-Multi-Session-Id "
                        + record.acctMultiSessionId() + " and no User-Name");
            }
            record = record.withNai(owner.get());
        }
        if (subscribers.find(record.nai()).isEmpty()) {
            log.info("ACR {} for unknown user {}: refused", record.sessionId(), record.nai());
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED, "no subscriber " + record.nai() + " to charge");
        }
        UsageReport report = new UsageReport(record.nai(), record.sessionId(), record.recordNumber(), type(record.recordType()),
                visitedRealm, record.eventTime(), record.sessionSeconds(), record.inputOctets(), record.outputOctets(),
                record.inputPackets(), record.outputPackets());
        Recorded recorded;
        try {
            recorded = accounts.recordUsage(report);
        } catch (NoTariffException e) {
            log.error("ACR {} #{} for {}: {}", record.sessionId(), record.recordNumber(), record.nai(), e.getMessage());
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "no tariff in force");
        } catch (IllegalArgumentException e) {
            log.warn("ACR {} #{} for {} refused: {}", record.sessionId(), record.recordNumber(), record.nai(), e.getMessage());
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, e.getMessage());
        }
        log.debug("ACR {} #{} for {}: {}{}", record.sessionId(), record.recordNumber(), record.nai(),
                recorded.entry().map(en -> "entry " + en.id() + " " + en.amount()).orElse("no fee"),
                recorded.duplicate() ? " (seen before)" : "");
        return AccountingRecords.acknowledged(record);
    }

    private static RecordType type(int recordType) {
        return switch (recordType) {
            case Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD -> RecordType.START;
            case Enumerations.ACCOUNTING_RECORD_TYPE_INTERIM_RECORD -> RecordType.INTERIM;
            case Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD -> RecordType.STOP;
            default -> RecordType.EVENT;
        };
    }
}
