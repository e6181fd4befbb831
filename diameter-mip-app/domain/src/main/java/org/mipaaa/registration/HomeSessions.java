package org.mipaaa.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;
import org.mipaaa.state.StoredValue;

/**
 * The AAAH's record, per mobile node, of its registrations through the AAA: the HAR session of the
 * current one (accepted by the home agent) and those still waiting for their HAA, oldest first.
 *
 * <p>Why: RFC 4004 §4.1.3 has the AAAH free a node's resources on the home agent's STR, but the same
 * NAI can be mid-registration again meanwhile, reusing the same home address. The address is given up
 * only when the node is <em>idle</em> here (no current registration, none pending): so an STR for
 * the current session racing a new AMR, or one of two simultaneous AMRs failing, never frees the
 * address the other is about to use; a late STR for an older session is told apart (5002).
 *
 * <p>Each change is a compare-and-set on the node's one entry (single-key atomic, as the address pool).
 * An index, Session-Id to NAI ({@link #owner}), serves an STR without User-Name (RFC 6733 §8.4.1); it is
 * written before a session enters a record and emptied after it leaves, and read only through the
 * record, so an entry a crash leaves behind answers nothing. A second index, Session-Id to the home agent
 * the registration went to ({@link #homeAgentOf}), kept the same way, tells which home agent may end a
 * session and whether a new registration can continue it there.
 */
public final class HomeSessions {

    private static final int FORMAT = 1;

    private final Cache<String, String> sessions;
    /** Session-Id -> NAI of every session a record names; entries it no longer names are ignored. */
    private final Cache<String, String> owners;
    /** Session-Id -> the DiameterIdentity of the home agent of that registration; read, like owners, through the record. */
    private final Cache<String, String> agents;

    private HomeSessions(Cache<String, String> sessions, Cache<String, String> owners, Cache<String, String> agents) {
        this.sessions = sessions;
        this.owners = owners;
        this.agents = agents;
    }

    public static HomeSessions in(StateStore store) {
        return new HomeSessions(store.cache(RegistrationCaches.HOME_SESSIONS), store.cache(RegistrationCaches.HOME_SESSION_OWNERS),
                store.cache(RegistrationCaches.HOME_SESSION_AGENTS));
    }

    /** What an STR did ({@link #end}). */
    public enum Ending {
        /** Not the node's current registration: nothing ended (5002). */
        NOT_CURRENT,
        /** Ended, and nothing else of the node's is current or pending: its address can go. */
        ENDED_IDLE,
        /** Ended, but a registration of the node is pending: its address stays for it. */
        ENDED_PENDING
    }

    /** An AMR of {@code nai} sent its HAR in {@code sessionId}; pending until {@link #accepted} or {@link #failed}. */
    public void pending(String nai, String sessionId) {
        owners.put(sessionId, nai); // first, so that a record never names a session the index lacks
        update(nai, r -> r.withPending(sessionId));
    }

    /** As {@link #pending(String, String)}, the registration going to the home agent {@code homeAgentHost}. */
    public void pending(String nai, String sessionId, String homeAgentHost) {
        agents.put(sessionId, homeAgentHost.toLowerCase(java.util.Locale.ROOT));
        pending(nai, sessionId);
    }

    /**
     * The home agent the current or pending registration in {@code sessionId} went to, when it was
     * recorded ({@link #pending(String, String, String)}). Empty for a session of no registration here.
     */
    public Optional<String> homeAgentOf(String sessionId) {
        return owner(sessionId).flatMap(nai -> Optional.ofNullable(agents.get(sessionId)));
    }

    /**
     * The home agent accepted {@code sessionId}: it is now current, and registrations pending from
     * before it are superseded (the home agent's binding of the address is this one's now).
     */
    public void accepted(String nai, String sessionId) {
        Registrations before;
        Registrations after;
        do {
            before = read(nai);
            after = before.accepted(sessionId);
        } while (!compareAndSet(nai, before, after));
        forget(nai, before, after);
    }

    /**
     * {@code sessionId} failed (HAA error, no HAA): no longer pending. True if the node is idle now,
     * so the address it was given for this registration can go.
     */
    public boolean failed(String nai, String sessionId) {
        Registrations after = update(nai, r -> r.withoutPending(sessionId));
        forget(nai, new Registrations(Optional.empty(), List.of(sessionId)), after);
        return after.idle();
    }

    /** The home agent's STR for {@code sessionId}: ends it if it is the node's current registration. */
    public Ending end(String nai, String sessionId) {
        Registrations before = read(nai);
        while (sessionId.equals(before.current().orElse(null))) {
            Registrations after = before.withoutCurrent();
            if (compareAndSet(nai, before, after)) {
                forget(nai, before, after);
                return after.idle() ? Ending.ENDED_IDLE : Ending.ENDED_PENDING;
            }
            before = read(nai);
        }
        return Ending.NOT_CURRENT;
    }

    /**
     * The NAI whose current or pending registration is in {@code sessionId}: who an STR without User-Name
     * is for. Empty for a session of no registration here.
     */
    public Optional<String> owner(String sessionId) {
        return Optional.ofNullable(owners.get(sessionId)).filter(nai -> read(nai).names(sessionId));
    }

    /**
     * Drops from the index the sessions {@code before} named and {@code after} no longer does, unless the
     * record names one again meanwhile (a new registration of the node in the same session).
     */
    private void forget(String nai, Registrations before, Registrations after) {
        before.sessions().filter(session -> !after.names(session))
                .filter(session -> !read(nai).names(session))
                .forEach(session -> {
                    owners.remove(session, nai);
                    agents.remove(session);
                });
    }

    /** The node's current registration's session, if any. */
    public Optional<String> current(String nai) {
        return read(nai).current();
    }

    private Registrations update(String nai, UnaryOperator<Registrations> change) {
        while (true) {
            Registrations before = read(nai);
            Registrations after = change.apply(before);
            if (compareAndSet(nai, before, after)) {
                return after;
            }
        }
    }

    private Registrations read(String nai) {
        String stored = sessions.get(nai);
        return stored == null ? Registrations.NONE : Registrations.decode(stored);
    }

    /** An idle record is removed rather than stored, so the cache holds only nodes with registrations. */
    private boolean compareAndSet(String nai, Registrations before, Registrations after) {
        if (before.equals(after)) {
            return true;
        }
        String old = before.idle() ? null : before.encode();
        if (after.idle()) {
            return old == null || sessions.remove(nai, old);
        }
        return old == null ? sessions.putIfAbsent(nai, after.encode()) == null : sessions.replace(nai, old, after.encode());
    }

    /** One node's registrations: the current session, and the pending ones in the order they began. */
    record Registrations(Optional<String> current, List<String> pending) {

        static final Registrations NONE = new Registrations(Optional.empty(), List.of());

        Registrations {
            Objects.requireNonNull(current, "current");
            pending = List.copyOf(pending);
        }

        boolean idle() {
            return current.isEmpty() && pending.isEmpty();
        }

        boolean names(String session) {
            return current.filter(session::equals).isPresent() || pending.contains(session);
        }

        java.util.stream.Stream<String> sessions() {
            return java.util.stream.Stream.concat(current.stream(), pending.stream());
        }

        Registrations withPending(String session) {
            List<String> more = new ArrayList<>(pending);
            if (!more.contains(session)) {
                more.add(session);
            }
            return new Registrations(current, more);
        }

        Registrations withoutPending(String session) {
            List<String> fewer = new ArrayList<>(pending);
            fewer.remove(session);
            return new Registrations(current, fewer);
        }

        Registrations accepted(String session) {
            int at = pending.indexOf(session);
            // pending ones that began before it are superseded; one not pending (already superseded) still wins
            List<String> later = at < 0 ? pending : pending.subList(at + 1, pending.size());
            return new Registrations(Optional.of(session), later);
        }

        Registrations withoutCurrent() {
            return new Registrations(Optional.empty(), pending);
        }

        String encode() {
            return StoredValue.encode(FORMAT, out -> {
                out.writeBoolean(current.isPresent());
                if (current.isPresent()) {
                    out.writeUTF(current.get());
                }
                out.writeShort(pending.size());
                for (String session : pending) {
                    out.writeUTF(session);
                }
            });
        }

        static Registrations decode(String stored) {
            return StoredValue.decode(stored, FORMAT, "home session record", in -> {
                Optional<String> current = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
                int count = in.readUnsignedShort();
                List<String> pending = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    pending.add(in.readUTF());
                }
                return new Registrations(current, pending);
            });
        }
    }
}
