package org.mipaaa.presence;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;
import org.mipaaa.state.StoredValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each mobile node's presence and its outbox: the changes its WWW server has not acknowledged yet,
 * oldest first. Both live in the node's one entry (NAI -> encoded {@link Entry}) of the persistent
 * {@value #CACHE} cache, so a change and its notification are written by one compare-and-set
 * (single-key atomic, as {@code HomeSessions}): a crash can never keep a change and lose its
 * notification, nor the other way round, and the sequence numbers of one NAI never repeat.
 *
 * <p>The outbox is bounded ({@value #MAX_OUTBOX} changes): past that, while a WWW server stays
 * unreachable, the oldest change is dropped (logged). The receiver still sees the sequence jump and the
 * latest state, which is what its page shows.
 */
public final class PresenceBook {

    /** NAI -> presence and outbox (config/infinispan.xml). */
    public static final String CACHE = "presence";
    static final int MAX_OUTBOX = 256;
    private static final int FORMAT = 1;
    private static final Logger log = LoggerFactory.getLogger(PresenceBook.class);

    private final Cache<String, String> entries;

    private PresenceBook(Cache<String, String> entries) {
        this.entries = entries;
    }

    public static PresenceBook in(StateStore store) {
        return new PresenceBook(store.cache(CACHE));
    }

    /** How a change wants the node shown (the book adds the sequence number and the time). */
    public record Look(PresenceState state, Optional<Inet4Address> careOfAddress, Optional<String> visitedRealm, boolean busy) {
        public Look {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(careOfAddress, "careOfAddress");
            Objects.requireNonNull(visitedRealm, "visitedRealm");
        }
    }

    /**
     * Applies {@code change} to the node's presence ({@code change} sees the current one, if any, and
     * may be called again after a concurrent change). A look equal to the current one is no change.
     *
     * @param notify whether the change goes to the node's outbox (it has a WWW server)
     * @return the new presence, or empty when nothing changed
     */
    public Optional<Presence> change(String nai, Function<Optional<Presence>, Look> change, Instant now, boolean notify) {
        while (true) {
            String stored = entries.get(nai);
            Optional<Entry> before = stored == null ? Optional.empty() : Optional.of(Entry.decode(stored));
            Optional<Presence> current = before.map(Entry::current);
            Look look = change.apply(current);
            if (current.isPresent()
                    && current.get().looksLike(look.state(), look.careOfAddress(), look.visitedRealm(), look.busy())) {
                return Optional.empty();
            }
            long sequence = current.map(p -> p.sequence() + 1).orElse(1L);
            Presence next = new Presence(nai, look.state(), look.careOfAddress(), look.visitedRealm(), look.busy(), sequence, now);
            List<Presence> outbox = new ArrayList<>(before.map(Entry::outbox).orElse(List.of()));
            if (notify) {
                outbox.add(next);
                if (outbox.size() > MAX_OUTBOX) {
                    Presence dropped = outbox.remove(0);
                    log.warn("presence of {}: outbox full, change {} dropped unacknowledged", nai, dropped.sequence());
                }
            }
            String after = new Entry(next, outbox).encode();
            boolean written = stored == null ? entries.putIfAbsent(nai, after) == null : entries.replace(nai, stored, after);
            if (written) {
                return Optional.of(next);
            }
        }
    }

    /** The node's presence now, if it ever had one. */
    public Optional<Presence> current(String nai) {
        String stored = entries.get(nai);
        return stored == null ? Optional.empty() : Optional.of(Entry.decode(stored).current());
    }

    /** The oldest change of the node its WWW server has not acknowledged. */
    public Optional<Presence> nextToSend(String nai) {
        String stored = entries.get(nai);
        return stored == null ? Optional.empty() : Entry.decode(stored).outbox().stream().findFirst();
    }

    /** The WWW server acknowledged change {@code sequence} of the node (and so all before it). */
    public void acknowledged(String nai, long sequence) {
        while (true) {
            String stored = entries.get(nai);
            if (stored == null) {
                return;
            }
            Entry before = Entry.decode(stored);
            List<Presence> left = before.outbox().stream().filter(p -> p.sequence() > sequence).toList();
            if (left.size() == before.outbox().size() || entries.replace(nai, stored, new Entry(before.current(), left).encode())) {
                return;
            }
        }
    }

    /** The NAIs with changes not acknowledged (after a restart: the ones to send again). */
    public List<String> withOutbox() {
        List<String> nais = new ArrayList<>();
        entries.forEach((nai, stored) -> {
            if (!Entry.decode(stored).outbox().isEmpty()) {
                nais.add(nai);
            }
        });
        return nais;
    }

    /** One node's entry: its presence now, and the changes not acknowledged, oldest first. */
    record Entry(Presence current, List<Presence> outbox) {

        Entry {
            Objects.requireNonNull(current, "current");
            outbox = List.copyOf(outbox);
        }

        String encode() {
            return StoredValue.encode(FORMAT, out -> {
                current.write(out);
                out.writeShort(outbox.size());
                for (Presence p : outbox) {
                    p.write(out);
                }
            });
        }

        static Entry decode(String stored) {
            return StoredValue.decode(stored, FORMAT, "presence entry", in -> {
                Presence current = Presence.read(in);
                int count = in.readUnsignedShort();
                List<Presence> outbox = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    outbox.add(Presence.read(in));
                }
                return new Entry(current, outbox);
            });
        }
    }
}
