package org.mipaaa.ledger;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.mipaaa.state.StoredValue;
import org.mipaaa.tariff.ByteUnit;
import org.mipaaa.tariff.Tariff;

/**
 * The stored form of what the account database keeps ({@link StoredValue}: a format byte, then the
 * fields). Prices are stored as decimal strings, amounts as minor units with the currency code, so
 * nothing is ever rounded on the way through the store.
 */
final class EntryCodec {

    private static final int ENTRY_FORMAT = 1;
    private static final int PROGRESS_FORMAT = 1;
    private static final int INDEX_FORMAT = 1;

    private static final byte FEE = 1;
    private static final byte CHARGE = 2;

    private EntryCodec() {
    }

    static String encode(AccountEntry e) {
        return StoredValue.encode(ENTRY_FORMAT, out -> {
            out.writeUTF(e.id());
            out.writeUTF(e.nai());
            writeInstant(out, e.date());
            writeInstant(out, e.postedAt());
            out.writeUTF(e.amount().currency().getCurrencyCode());
            out.writeLong(e.amount().minorUnits());
            if (e.content() instanceof EntryContent.CommunicationFee fee) {
                out.writeByte(FEE);
                out.writeUTF(fee.sessionId());
                out.writeLong(fee.recordNumber());
                out.writeUTF(fee.recordType().name());
                out.writeUTF(fee.visitedRealm());
                writeCounters(out, fee.usage());
                Tariff t = fee.tariff();
                out.writeUTF(t.realm());
                writeInstant(out, t.effectiveFrom());
                out.writeUTF(t.currency().getCurrencyCode());
                out.writeUTF(t.perSecond().toString());
                out.writeUTF(t.perByteUnit().toString());
                out.writeUTF(t.byteUnit().name());
                out.writeUTF(t.perPacket().toString());
            } else {
                EntryContent.TransferredCharge charge = (EntryContent.TransferredCharge) e.content();
                out.writeByte(CHARGE);
                out.writeUTF(charge.payee());
                out.writeUTF(charge.goods());
            }
            if (e.state() instanceof EntryState.Invalidated invalidated) {
                out.writeBoolean(true);
                out.writeUTF(invalidated.by());
                writeInstant(out, invalidated.at());
            } else {
                out.writeBoolean(false);
            }
        });
    }

    static AccountEntry decodeEntry(String stored) {
        return StoredValue.decode(stored, ENTRY_FORMAT, "account entry", in -> {
            String id = in.readUTF();
            String nai = in.readUTF();
            Instant date = readInstant(in);
            Instant postedAt = readInstant(in);
            Currency currency = Currency.getInstance(in.readUTF());
            Money amount = Money.ofMinor(in.readLong(), currency);
            EntryContent content;
            byte kind = in.readByte();
            if (kind == FEE) {
                String sessionId = in.readUTF();
                long recordNumber = in.readLong();
                RecordType type = RecordType.valueOf(in.readUTF());
                String realm = in.readUTF();
                UsageCounters usage = readCounters(in);
                Tariff tariff = new Tariff(in.readUTF(), readInstant(in), Currency.getInstance(in.readUTF()),
                        new BigDecimal(in.readUTF()), new BigDecimal(in.readUTF()), ByteUnit.valueOf(in.readUTF()),
                        new BigDecimal(in.readUTF()));
                content = new EntryContent.CommunicationFee(sessionId, recordNumber, type, realm, usage, tariff);
            } else if (kind == CHARGE) {
                content = new EntryContent.TransferredCharge(in.readUTF(), in.readUTF());
            } else {
                throw new IOException("unknown entry kind " + kind);
            }
            EntryState state = in.readBoolean() ? new EntryState.Invalidated(in.readUTF(), readInstant(in)) : EntryState.VALID;
            return new AccountEntry(id, nai, date, postedAt, amount, content, state);
        });
    }

    static String encode(SessionProgress p) {
        return StoredValue.encode(PROGRESS_FORMAT, out -> {
            out.writeUTF(p.nai());
            out.writeLong(p.lastRecordNumber());
            writeCounters(out, p.counters());
        });
    }

    static SessionProgress decodeProgress(String stored) {
        return StoredValue.decode(stored, PROGRESS_FORMAT, "accounting session progress",
                in -> new SessionProgress(in.readUTF(), in.readLong(), readCounters(in)));
    }

    static String encodeIds(List<String> ids) {
        return StoredValue.encode(INDEX_FORMAT, out -> {
            out.writeInt(ids.size());
            for (String id : ids) {
                out.writeUTF(id);
            }
        });
    }

    static List<String> decodeIds(String stored) {
        return StoredValue.decode(stored, INDEX_FORMAT, "account index bucket", in -> {
            int n = in.readInt();
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
            }
            return ids;
        });
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeCounters(DataOutputStream out, UsageCounters c) throws IOException {
        out.writeLong(c.seconds());
        out.writeLong(c.inputOctets());
        out.writeLong(c.outputOctets());
        out.writeLong(c.inputPackets());
        out.writeLong(c.outputPackets());
    }

    private static UsageCounters readCounters(DataInputStream in) throws IOException {
        return new UsageCounters(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
