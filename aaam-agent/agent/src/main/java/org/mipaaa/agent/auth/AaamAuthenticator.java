package org.mipaaa.agent.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * The AAAM-Authenticator of docs/PROTOCOL.md §3: HMAC-SHA-256 with the association's key over
 *
 * <ol>
 * <li>the header's flags octet AND 0xE0 (the T bit cleared), Command-Code (3 octets), Application-Id and
 *     End-to-End Identifier (not the length, not the Hop-by-Hop Identifier, which agents change);</li>
 * <li>every AVP before the AAAM-Authenticator AVP, as encoded in the message;</li>
 * <li>the AAAM-SPI and AAAM-Replay-Counter AVPs inside it, as encoded.</li>
 * </ol>
 *
 * Works on encoded messages so that both sides, this library and the jDiameter nodes, hash the same
 * octets. Checking the replay counter is the caller's (it owns the store of counters).
 *
 * <p>Stateless (static members only): thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class AaamAuthenticator {

    /** The JCA name of the one algorithm defined (PROTOCOL §3). */
    public static final String MAC_ALGORITHM = "HmacSHA256";
    /** Octets of AAAM-Authenticator-Value. */
    public static final int VALUE_LENGTH = 32;
    /** Header flags covered: R, P, E. The T bit is set by retransmitting senders, the rest reserved. */
    static final int COVERED_FLAGS = 0xE0;

    private AaamAuthenticator() {
    }

    /** What {@link #verify} found. */
    public interface Verification {
        /** The HMAC verified under {@code association}; {@code counter} is still to be checked for replay. */
        public static final class Verified implements Verification {

            private final AaamSecurityAssociation association;
            private final long counter;

            public Verified(AaamSecurityAssociation association, long counter) {
                this.association = association;
                this.counter = counter;
            }


            public AaamSecurityAssociation association() {
                return association;
            }

            public long counter() {
                return counter;
            }

            @Override
            public boolean equals(Object o) {
                if (this == o) {
                    return true;
                }
                if (!(o instanceof Verified)) {
                    return false;
                }
                Verified other = (Verified) o;
                return java.util.Objects.equals(association, other.association)
                        && counter == other.counter;
            }

            @Override
            public int hashCode() {
                return java.util.Objects.hash(association, counter);
            }

            @Override
            public String toString() {
                return "Verified[" + "association=" + association + ", " + "counter=" + counter + "]";
            }
        }

        /** Not authentic; {@code reason} says why (for logs: it names no key). */
        public static final class Refused implements Verification {

            private final String reason;

            public Refused(String reason) {
                this.reason = reason;
            }


            public String reason() {
                return reason;
            }

            @Override
            public boolean equals(Object o) {
                if (this == o) {
                    return true;
                }
                if (!(o instanceof Refused)) {
                    return false;
                }
                Refused other = (Refused) o;
                return java.util.Objects.equals(reason, other.reason);
            }

            @Override
            public int hashCode() {
                return java.util.Objects.hash(reason);
            }

            @Override
            public String toString() {
                return "Refused[" + "reason=" + reason + "]";
            }
        }
    }

    /**
     * The AAAM-Authenticator AVP to append, as the last AVP, to {@code encodedMessage} (a complete
     * message, identifiers set, without an authenticator).
     */
    public static Avp sign(byte[] encodedMessage, AaamSecurityAssociation association, long counter, long vendorId) {
        if (counter < 0) {
            throw new IllegalArgumentException("replay counters above 2^63-1 are not supported: " + counter);
        }
        List<Avp> covered = List.of(Avp.unsigned32(VendorAvpCodes.AAAM_SPI, vendorId, association.spi()),
                Avp.unsigned64(VendorAvpCodes.AAAM_REPLAY_COUNTER, vendorId, counter));
        byte[] members = DiameterCodec.encodeAvps(covered);
        byte[] avps;
        try {
            avps = SignedParts.coveredAvps(encodedMessage, DiameterCodec.HEADER_LENGTH, encodedMessage.length);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("not a well-formed DIAMETER message: " + e.getMessage(), e);
        }
        byte[] value = hmac(association.key(), header(encodedMessage), avps, members);
        return Avp.grouped(VendorAvpCodes.AAAM_AUTHENTICATOR, vendorId, List.of(covered.get(0), covered.get(1),
                Avp.octets(VendorAvpCodes.AAAM_AUTHENTICATOR_VALUE, vendorId, value)));
    }

    /**
     * Checks the AAAM-Authenticator of {@code encodedMessage}: present once, its members in order
     * (AAAM-SPI, AAAM-Replay-Counter, AAAM-Authenticator-Value of 32 octets), after it only AVPs that
     * agents add or rewrite (Route-Record, Proxy-Info, the routing identities), an association
     * {@code associations} knows for its SPI, and the HMAC.
     */
    public static Verification verify(byte[] encodedMessage, long vendorId,
                                      LongFunction<Optional<AaamSecurityAssociation>> associations) {
        SignedParts parts;
        try {
            parts = SignedParts.locate(encodedMessage, vendorId);
        } catch (MalformedMessageException e) {
            return new Verification.Refused(e.getMessage());
        }
        if (parts == null) {
            return new Verification.Refused("no AAAM-Authenticator");
        }
        if (parts.trailingForeignAvp() != null) {
            return new Verification.Refused("AVP " + parts.trailingForeignAvp() + " after the AAAM-Authenticator");
        }
        Optional<AaamSecurityAssociation> association = associations.apply(parts.spi());
        if (!association.isPresent()) {
            return new Verification.Refused("unknown AAAM-SPI " + parts.spi());
        }
        byte[] expected;
        try {
            expected = hmac(association.get().key(), header(encodedMessage),
                    SignedParts.coveredAvps(encodedMessage, DiameterCodec.HEADER_LENGTH, parts.authenticatorOffset()),
                    parts.coveredMembers());
        } catch (MalformedMessageException e) {
            return new Verification.Refused(e.getMessage());
        }
        if (!MessageDigest.isEqual(expected, parts.value())) {
            return new Verification.Refused("bad HMAC under AAAM-SPI " + parts.spi());
        }
        return new Verification.Verified(association.get(), parts.counter());
    }

    /** Flags (T cleared), Command-Code, Application-Id, End-to-End Identifier: 12 octets. */
    private static byte[] header(byte[] message) {
        if (message.length < DiameterCodec.HEADER_LENGTH) {
            throw new IllegalArgumentException("not a DIAMETER message: " + message.length + " octets");
        }
        ByteBuffer b = ByteBuffer.allocate(12);
        b.put((byte) (message[4] & COVERED_FLAGS));
        b.put(message, 5, 3);
        b.put(message, 8, 4);
        b.put(message, 16, 4);
        return b.array();
    }

    private static byte[] hmac(byte[] key, byte[] header, byte[] avps, byte[] members) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(new SecretKeySpec(key, MAC_ALGORITHM));
            mac.update(header);
            mac.update(avps);
            mac.update(members);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java platform", e);
        }
    }

    /** For tests and tools: the octets the HMAC covers in {@code encodedMessage}, or empty without an authenticator. */
    static Optional<byte[]> coveredOctets(byte[] encodedMessage, long vendorId) throws MalformedMessageException {
        SignedParts parts = SignedParts.locate(encodedMessage, vendorId);
        if (parts == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        append(out, header(encodedMessage));
        append(out, SignedParts.coveredAvps(encodedMessage, DiameterCodec.HEADER_LENGTH, parts.authenticatorOffset()));
        append(out, parts.coveredMembers());
        return Optional.of(out.toByteArray());
    }

    /** {@code bytes} onto {@code out} (ByteArrayOutputStream.writeBytes is Java 11, not Android 8). */
    private static void append(java.io.ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
