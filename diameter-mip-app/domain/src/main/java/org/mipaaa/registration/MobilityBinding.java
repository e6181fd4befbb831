package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.state.StoredValue;

/**
 * A home agent's mobility binding (RFC 5944 §1.6 "Mobility Binding"; the entry §3.8.1 lists): the association of a
 * mobile node's home address with its care-of address, for the remaining lifetime, plus what the home
 * agent needs to accept the node's renewals without the AAA (RFC 4004 §8: "subsequent Mobile IPv4 registrations need not invoke the AAA infrastructure"; seed S107-S110).
 *
 * @param homeAddress        the mobile node's home address: the key of the binding table
 * @param nai                the mobile node's NAI (RFC 2794)
 * @param careOfAddress      where the home agent tunnels the node's traffic (RFC 5944 §3.3)
 * @param homeAgentAddress   the home agent's own address, as in the registration (RFC 5944 §3.3)
 * @param lifetime           the lifetime granted in the last accepted registration (RFC 5944 §3.4)
 * @param expiresAt          when the binding ends without a renewal: the registration's time plus
 *                           {@code lifetime} (RFC 5944 §3.8.1)
 * @param mnHa               the MN-HA security association from the AAAH's HAR (RFC 4004 §8)
 * @param lastIdentification the Identification of the last accepted request: a renewal's must be
 *                           greater (RFC 5944 §5.7.1, {@link IdentificationCheck})
 * @param acctMultiSessionId the Acct-Multi-Session-Id the home agent returned in its HAA (RFC 4004 §4.1.2: one value for all HAAs of the session),
 *                           linking the accounting of this node's sessions
 * @param aaaSessionId       the Session-Id of the AAAH's HAR that made the binding: the session the
 *                           home agent ends with an STR when the binding ends (RFC 4004 §4.1.3)
 */
public record MobilityBinding(Inet4Address homeAddress, String nai, Inet4Address careOfAddress,
                              Inet4Address homeAgentAddress, Duration lifetime, Instant expiresAt,
                              MnHaSecurityAssociation mnHa, long lastIdentification, String acctMultiSessionId,
                              String aaaSessionId) {

    private static final int FORMAT = 2;

    public MobilityBinding {
        Objects.requireNonNull(homeAddress, "homeAddress");
        Subscriber.checkNai(nai);
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(homeAgentAddress, "homeAgentAddress");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("negative lifetime");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(mnHa, "mnHa");
        Objects.requireNonNull(acctMultiSessionId, "acctMultiSessionId");
        Objects.requireNonNull(aaaSessionId, "aaaSessionId");
    }

    /**
     * A binding made by a registration accepted at {@code now}: it expires {@code lifetime} later.
     */
    public static MobilityBinding registered(Inet4Address homeAddress, String nai, Inet4Address careOfAddress,
                                             Inet4Address homeAgentAddress, Duration lifetime, Instant now,
                                             MnHaSecurityAssociation mnHa, long identification, String acctMultiSessionId,
                                             String aaaSessionId) {
        return new MobilityBinding(homeAddress, nai, careOfAddress, homeAgentAddress, lifetime, now.plus(lifetime), mnHa,
                identification, acctMultiSessionId, aaaSessionId);
    }

    /**
     * This binding after an accepted renewal at {@code now} (RFC 5944 §3.8.2.2: without simultaneous
     * bindings the new entry replaces the previous one; seed S107-S110).
     */
    public MobilityBinding renewed(Inet4Address newCareOfAddress, Duration newLifetime, Instant now, long identification) {
        return new MobilityBinding(homeAddress, nai, newCareOfAddress, homeAgentAddress, newLifetime, now.plus(newLifetime),
                mnHa, identification, acctMultiSessionId, aaaSessionId);
    }

    /** True from {@link #expiresAt()} on: the lifetime has passed without a renewal. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    String encode() {
        return StoredValue.encode(FORMAT, out -> {
            StoredValue.writeAddress(out, homeAddress);
            out.writeUTF(nai);
            StoredValue.writeAddress(out, careOfAddress);
            StoredValue.writeAddress(out, homeAgentAddress);
            out.writeLong(lifetime.getSeconds());
            out.writeInt(lifetime.getNano());
            out.writeLong(expiresAt.getEpochSecond());
            out.writeInt(expiresAt.getNano());
            out.writeLong(mnHa.mnToHaSpi());
            out.writeLong(mnHa.haToMnSpi());
            out.writeUTF(mnHa.algorithm().name());
            StoredValue.writeBytes(out, mnHa.key());
            out.writeLong(lastIdentification);
            out.writeUTF(acctMultiSessionId);
            out.writeUTF(aaaSessionId);
        });
    }

    static MobilityBinding decode(String value) {
        return StoredValue.decode(value, FORMAT, "mobility binding", in -> new MobilityBinding(
                StoredValue.readAddress(in),
                in.readUTF(),
                StoredValue.readAddress(in),
                StoredValue.readAddress(in),
                Duration.ofSeconds(in.readLong(), in.readInt()),
                Instant.ofEpochSecond(in.readLong(), in.readInt()),
                new MnHaSecurityAssociation(in.readLong(), in.readLong(), AuthAlgorithm.valueOf(in.readUTF()),
                        StoredValue.readBytes(in)),
                in.readLong(),
                in.readUTF(),
                in.readUTF()));
    }
}
