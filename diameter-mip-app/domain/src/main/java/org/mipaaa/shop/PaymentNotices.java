package org.mipaaa.shop;

import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;
import org.mipaaa.state.StoredValue;

/**
 * The payment notices the shop terminal received (S209) and their cancellations, per Settlement-Id,
 * durable in the fsynced cache {@value #CACHE}: what the shop hands the goods over on.
 */
public final class PaymentNotices {

    public static final String CACHE = "payment-notices";
    private static final int FORMAT = 1;

    /** A notice: the order paid, by whom, and whether the payment was cancelled since. */
    public record Notice(String settlementId, String payee, String orderReference, String userName, String amount, boolean cancelled) {
    }

    private final Cache<String, String> cache;

    public PaymentNotices(Cache<String, String> cache) {
        this.cache = cache;
    }

    public static PaymentNotices in(StateStore store) {
        return new PaymentNotices(store.cache(CACHE));
    }

    /** Records {@code notice} unless its Settlement-Id has one; returns what is recorded. */
    public Notice paid(Notice notice) {
        String earlier = cache.putIfAbsent(notice.settlementId(), encode(notice));
        return earlier == null ? notice : decode(earlier);
    }

    /** Marks the notice cancelled (idempotent); empty when there is none. */
    public Optional<Notice> cancelled(String settlementId) {
        while (true) {
            String stored = cache.get(settlementId);
            if (stored == null) {
                return Optional.empty();
            }
            Notice n = decode(stored);
            if (n.cancelled()) {
                return Optional.of(n);
            }
            Notice c = new Notice(n.settlementId(), n.payee(), n.orderReference(), n.userName(), n.amount(), true);
            if (cache.replace(settlementId, stored, encode(c))) {
                return Optional.of(c);
            }
        }
    }

    public Optional<Notice> notice(String settlementId) {
        return Optional.ofNullable(cache.get(settlementId)).map(PaymentNotices::decode);
    }

    private static String encode(Notice n) {
        return StoredValue.encode(FORMAT, out -> {
            out.writeUTF(n.settlementId());
            out.writeUTF(n.payee());
            out.writeUTF(n.orderReference());
            out.writeUTF(n.userName());
            out.writeUTF(n.amount());
            out.writeBoolean(n.cancelled());
        });
    }

    private static Notice decode(String s) {
        return StoredValue.decode(s, FORMAT, "payment notice",
                in -> new Notice(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean()));
    }
}
