package org.mipaaa.presence;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.state.StoredValue;

/**
 * A mobile node's presence after its {@code sequence}-th change: what the WWW server registered for it
 * is told (seed S2011).
 *
 * @param nai           the mobile node's NAI
 * @param state         where it is
 * @param careOfAddress its care-of address while {@link PresenceState#VISITING}
 * @param visitedRealm  the visited realm while visiting, when the home agent knows it
 * @param busy          what the node last signalled (busy on the IP telephone, seed S2004/S2007)
 * @param sequence      1 for the first change of this NAI, one more for each change after: the receiver
 *                      orders by it and drops what it has already seen
 * @param changedAt     when the change was made
 */
public record Presence(String nai, PresenceState state, Optional<Inet4Address> careOfAddress, Optional<String> visitedRealm,
                       boolean busy, long sequence, Instant changedAt) {

    public Presence {
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(visitedRealm, "visitedRealm");
        Objects.requireNonNull(changedAt, "changedAt");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence " + sequence + " < 1");
        }
    }

    /** Whether {@code other} shows the node the same way (all but the sequence and the time). */
    boolean looksLike(PresenceState otherState, Optional<Inet4Address> otherCareOf, Optional<String> otherRealm,
                      boolean otherBusy) {
        return state == otherState && careOfAddress.equals(otherCareOf) && visitedRealm.equals(otherRealm)
                && busy == otherBusy;
    }

    void write(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeUTF(nai);
        out.writeUTF(state.name());
        StoredValue.writeOptionalAddress(out, careOfAddress);
        out.writeBoolean(visitedRealm.isPresent());
        if (visitedRealm.isPresent()) {
            out.writeUTF(visitedRealm.get());
        }
        out.writeBoolean(busy);
        out.writeLong(sequence);
        out.writeLong(changedAt.getEpochSecond());
        out.writeInt(changedAt.getNano());
    }

    static Presence read(java.io.DataInputStream in) throws java.io.IOException {
        String nai = in.readUTF();
        PresenceState state = PresenceState.valueOf(in.readUTF());
        Optional<Inet4Address> careOf = StoredValue.readOptionalAddress(in);
        Optional<String> realm = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
        return new Presence(nai, state, careOf, realm, in.readBoolean(), in.readLong(),
                Instant.ofEpochSecond(in.readLong(), in.readInt()));
    }
}
