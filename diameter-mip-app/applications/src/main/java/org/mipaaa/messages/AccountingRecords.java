package org.mipaaa.messages;

import java.time.Instant;
import java.util.Optional;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.mipaaa.accounting.AccountingRecord;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;

/**
 * The AVPs of an {@link AccountingRecord} in an ACR of Application-Id 2 (RFC 6733 §9.7.1, RFC 4004 §10
 * and §11.2): written by the FA and the AAAF, read by the AAAF and the AAAH.
 */
public final class AccountingRecords {

    private AccountingRecords() {
    }

    /** The record's AVPs, after the Session-Id and the routing AVPs the client adds. */
    public static void write(AccountingRecord r, AvpWriter avps) {
        avps.add(AvpCodes.ACCOUNTING_RECORD_TYPE, r.recordType())
                .add(AvpCodes.ACCOUNTING_RECORD_NUMBER, r.recordNumber())
                .add(AvpCodes.USER_NAME, r.nai())
                .add(AvpCodes.ACCT_MULTI_SESSION_ID, r.acctMultiSessionId())
                .add(AvpCodes.ACCOUNTING_INPUT_OCTETS, r.inputOctets())
                .add(AvpCodes.ACCOUNTING_OUTPUT_OCTETS, r.outputOctets())
                .add(AvpCodes.ACCOUNTING_INPUT_PACKETS, r.inputPackets())
                .add(AvpCodes.ACCOUNTING_OUTPUT_PACKETS, r.outputPackets())
                .add(AvpCodes.ACCT_SESSION_TIME, r.sessionSeconds())
                .add(AvpCodes.MIP_FEATURE_VECTOR, r.featureVector())
                .add(AvpCodes.MIP_HOME_AGENT_ADDRESS, r.homeAgent())
                .add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, r.homeAddress())
                .add(AvpCodes.EVENT_TIMESTAMP, r.eventTime());
    }

    /**
     * ACA 2001 echoing the record's type and number, with its user and multi-session (RFC 6733 §9.7.2):
     * what the AAAF answers its FA, and the AAAH the AAAF, once the record is safe.
     */
    public static Outcome acknowledged(AccountingRecord record) {
        return Outcome.success(avps -> avps.add(AvpCodes.ACCOUNTING_RECORD_TYPE, record.recordType())
                .add(AvpCodes.ACCOUNTING_RECORD_NUMBER, record.recordNumber())
                .add(AvpCodes.USER_NAME, record.nai())
                .add(AvpCodes.ACCT_MULTI_SESSION_ID, record.acctMultiSessionId()));
    }

    /**
     * Decodes an ACR: every AVP RFC 4004 §11.2 requires (5005 with Failed-AVP when one is missing, 5004
     * when one does not decode), and User-Name when present. Without it (optional, RFC 6733 §9.7.1) the
     * record names no user ({@link AccountingRecord#user} empty): the server finds whose session it is
     * before it acts. A record type other than START/INTERIM/STOP/EVENT is 5004.
     */
    public static AccountingRecord read(String sessionId, AvpSet avps) throws Avps.Invalid {
        var typeAvp = Avps.require(avps, AvpCodes.ACCOUNTING_RECORD_TYPE, "Accounting-Record-Type");
        int type = Avps.integer32(typeAvp);
        if (type < Enumerations.ACCOUNTING_RECORD_TYPE_EVENT_RECORD || type > Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD) {
            throw Avps.invalid(typeAvp, "unknown Accounting-Record-Type " + type);
        }
        Optional<Instant> event = Avps.find(avps, AvpCodes.EVENT_TIMESTAMP).isPresent()
                ? Optional.of(Avps.time(Avps.find(avps, AvpCodes.EVENT_TIMESTAMP).get())) : Optional.empty();
        Optional<Avp> userName = Avps.find(avps, AvpCodes.USER_NAME);
        return new AccountingRecord(sessionId, type,
                Avps.unsigned32(Avps.require(avps, AvpCodes.ACCOUNTING_RECORD_NUMBER, "Accounting-Record-Number")),
                userName.isPresent() ? Avps.utf8(userName.get()) : null,
                Avps.utf8(Avps.require(avps, AvpCodes.ACCT_MULTI_SESSION_ID, "Acct-Multi-Session-Id")),
                Avps.unsigned64(Avps.require(avps, AvpCodes.ACCOUNTING_INPUT_OCTETS, "Accounting-Input-Octets")),
                Avps.unsigned64(Avps.require(avps, AvpCodes.ACCOUNTING_OUTPUT_OCTETS, "Accounting-Output-Octets")),
                Avps.unsigned64(Avps.require(avps, AvpCodes.ACCOUNTING_INPUT_PACKETS, "Accounting-Input-Packets")),
                Avps.unsigned64(Avps.require(avps, AvpCodes.ACCOUNTING_OUTPUT_PACKETS, "Accounting-Output-Packets")),
                Avps.unsigned32(Avps.require(avps, AvpCodes.ACCT_SESSION_TIME, "Acct-Session-Time")),
                Avps.unsigned32(Avps.require(avps, AvpCodes.MIP_FEATURE_VECTOR, "MIP-Feature-Vector")),
                Avps.ipv4(Avps.require(avps, AvpCodes.MIP_HOME_AGENT_ADDRESS, "MIP-Home-Agent-Address")),
                Avps.ipv4(Avps.require(avps, AvpCodes.MIP_MOBILE_NODE_ADDRESS, "MIP-Mobile-Node-Address")),
                event.orElseGet(Instant::now));
    }
}
