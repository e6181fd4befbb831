package org.mipaaa.accounting;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.Avps;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.state.StoredValue;

/**
 * One accounting record of a mobile node's visit, as an ACR of Application-Id 2 carries it (RFC 6733
 * §9.7.1, RFC 4004 §10 and §11.2): the session and the record's type and number, the user, and the
 * usage so far (counters cumulative since the START). The FA reports it to its AAAF (seed S31), the
 * AAAF to the AAAH (S32), the AAAH records it (S14): one value read from and written to AVPs at each
 * hop, and stored by the AAAF until the AAAH has answered.
 *
 * <p>Input is what the mobile node sent, output what it received (RFC 4004 §10.1-§10.5: "received
 * from the user", "sent to the user").
 */
public record AccountingRecord(String sessionId, int recordType, long recordNumber, String nai, String acctMultiSessionId,
                               long inputOctets, long outputOctets, long inputPackets, long outputPackets,
                               long sessionSeconds, long featureVector, Inet4Address homeAgent, Inet4Address homeAddress,
                               Instant eventTime) {

    private static final int FORMAT = 1;

    public boolean isStop() {
        return recordType == Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD;
    }

    /** The record's AVPs, after the Session-Id and the routing AVPs the client adds. */
    public void writeTo(AvpSet avps) {
        Avps.addEnumerated(avps, AvpCodes.ACCOUNTING_RECORD_TYPE, recordType);
        Avps.addUnsigned32(avps, AvpCodes.ACCOUNTING_RECORD_NUMBER, recordNumber);
        Avps.addUtf8(avps, AvpCodes.USER_NAME, nai);
        Avps.addUtf8(avps, AvpCodes.ACCT_MULTI_SESSION_ID, acctMultiSessionId);
        Avps.addUnsigned64(avps, AvpCodes.ACCOUNTING_INPUT_OCTETS, inputOctets);
        Avps.addUnsigned64(avps, AvpCodes.ACCOUNTING_OUTPUT_OCTETS, outputOctets);
        Avps.addUnsigned64(avps, AvpCodes.ACCOUNTING_INPUT_PACKETS, inputPackets);
        Avps.addUnsigned64(avps, AvpCodes.ACCOUNTING_OUTPUT_PACKETS, outputPackets);
        Avps.addUnsigned32(avps, AvpCodes.ACCT_SESSION_TIME, sessionSeconds);
        Avps.addUnsigned32(avps, AvpCodes.MIP_FEATURE_VECTOR, featureVector);
        Avps.addAddress(avps, AvpCodes.MIP_HOME_AGENT_ADDRESS, homeAgent);
        Avps.addAddress(avps, AvpCodes.MIP_MOBILE_NODE_ADDRESS, homeAddress);
        Avps.addTime(avps, AvpCodes.EVENT_TIMESTAMP, eventTime);
    }

    /**
     * Decodes an ACR: every AVP RFC 4004 §11.2 requires (5005 with Failed-AVP when one is missing, 5004
     * when one does not decode), and User-Name, which this product requires too: the AAAH keeps its
     * accounts by NAI. A record type other than START/INTERIM/STOP/EVENT is 5004.
     */
    public static AccountingRecord read(String sessionId, AvpSet avps) throws Avps.Invalid {
        var typeAvp = Avps.require(avps, AvpCodes.ACCOUNTING_RECORD_TYPE, "Accounting-Record-Type");
        int type = Avps.integer32(typeAvp);
        if (type < Enumerations.ACCOUNTING_RECORD_TYPE_EVENT_RECORD || type > Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD) {
            throw Avps.invalid(typeAvp, "unknown Accounting-Record-Type " + type);
        }
        Optional<Instant> event = Avps.find(avps, AvpCodes.EVENT_TIMESTAMP).isPresent()
                ? Optional.of(Avps.time(Avps.find(avps, AvpCodes.EVENT_TIMESTAMP).get())) : Optional.empty();
        return new AccountingRecord(sessionId, type,
                Avps.unsigned32(Avps.require(avps, AvpCodes.ACCOUNTING_RECORD_NUMBER, "Accounting-Record-Number")),
                Avps.utf8(Avps.require(avps, AvpCodes.USER_NAME, "User-Name")),
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

    /** The record as a cache value ({@link StoredValue}). */
    public String encode() {
        return StoredValue.encode(FORMAT, out -> {
            out.writeUTF(sessionId);
            out.writeByte(recordType);
            out.writeLong(recordNumber);
            out.writeUTF(nai);
            out.writeUTF(acctMultiSessionId);
            out.writeLong(inputOctets);
            out.writeLong(outputOctets);
            out.writeLong(inputPackets);
            out.writeLong(outputPackets);
            out.writeLong(sessionSeconds);
            out.writeLong(featureVector);
            StoredValue.writeAddress(out, homeAgent);
            StoredValue.writeAddress(out, homeAddress);
            out.writeLong(eventTime.getEpochSecond());
            out.writeInt(eventTime.getNano());
        });
    }

    public static AccountingRecord decode(String stored) {
        return StoredValue.decode(stored, FORMAT, "accounting record", in -> new AccountingRecord(in.readUTF(), in.readByte(),
                in.readLong(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), StoredValue.readAddress(in), StoredValue.readAddress(in),
                Instant.ofEpochSecond(in.readLong(), in.readInt())));
    }
}
