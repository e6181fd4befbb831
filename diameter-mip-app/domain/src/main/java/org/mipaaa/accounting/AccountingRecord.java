package org.mipaaa.accounting;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.state.StoredValue;

/**
 * One accounting record of a mobile node's visit, as an ACR of Application-Id 2 carries it (RFC 6733
 * §9.7.1, RFC 4004 §10 and §11.2): the session and the record's type and number, the user, and the
 * usage so far (counters cumulative since the START). The FA reports it to its AAAF (seed S31), the
 * AAAF to the AAAH (S32), the AAAH records it (S14): one value read from and written to AVPs at each
 * hop ({@code org.mipaaa.messages.AccountingRecords} reads and writes its AVPs), and stored by the AAAF
 * until the AAAH has answered.
 *
 * <p>{@code nai} is null only between reading an ACR without User-Name (optional, RFC 6733 §9.7.1) and
 * finding whose session it is ({@link #withNai}); a record is stored and sent on naming its user.
 *
 * <p>Input is what the mobile node sent, output what it received (RFC 4004 §10.1-§10.5: "received
 * from the user", "sent to the user").
 */
public record AccountingRecord(String sessionId, int recordType, long recordNumber, String nai, String acctMultiSessionId,
                               long inputOctets, long outputOctets, long inputPackets, long outputPackets,
                               long sessionSeconds, long featureVector, Inet4Address homeAgent, Inet4Address homeAddress,
                               Instant eventTime) {

    private static final int FORMAT = 1;

    /** The user, when the record names one. */
    public Optional<String> user() {
        return Optional.ofNullable(nai);
    }

    /** This record, naming {@code user}. */
    public AccountingRecord withNai(String user) {
        return new AccountingRecord(sessionId, recordType, recordNumber, Objects.requireNonNull(user, "user"), acctMultiSessionId,
                inputOctets, outputOctets, inputPackets, outputPackets, sessionSeconds, featureVector, homeAgent, homeAddress,
                eventTime);
    }

    public boolean isStop() {
        return recordType == Enumerations.ACCOUNTING_RECORD_TYPE_STOP_RECORD;
    }

    /** The record as a cache value ({@link StoredValue}). */
    public String encode() {
        Objects.requireNonNull(nai, "a record is stored naming its user");
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
