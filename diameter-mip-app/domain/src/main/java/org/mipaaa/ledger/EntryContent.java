package org.mipaaa.ledger;

import java.util.Objects;

import org.mipaaa.tariff.Tariff;

/** The content of an account entry: what was charged for. */
public sealed interface EntryContent {

    EntryKind kind();

    /**
     * Communication in a visited realm: the usage charged (the delta since the session's previous
     * record), the record it came with, and the tariff applied (its prices, as they were).
     */
    record CommunicationFee(String sessionId, long recordNumber, RecordType recordType, String visitedRealm,
                            UsageCounters usage, Tariff tariff) implements EntryContent {

        public CommunicationFee {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(recordType, "recordType");
            Objects.requireNonNull(visitedRealm, "visitedRealm");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(tariff, "tariff");
        }

        @Override
        public EntryKind kind() {
            return EntryKind.COMMUNICATION_FEE;
        }
    }

    /** A charge transferred from {@code payee} (a shop) for {@code goods} (goods or order reference). */
    record TransferredCharge(String payee, String goods) implements EntryContent {

        public TransferredCharge {
            Objects.requireNonNull(payee, "payee");
            Objects.requireNonNull(goods, "goods");
        }

        @Override
        public EntryKind kind() {
            return EntryKind.TRANSFERRED_CHARGE;
        }
    }
}
