package org.mipaaa.agent.confirmation;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.dictionary.ConfirmationProtocol;
import org.mipaaa.dictionary.ConfirmationProtocol.MessageType;
import org.mipaaa.dictionary.ConfirmationProtocol.Tlv;

/**
 * A confirmation answer: OK with an ID number and its validity (S3013) or NG with a reason (S3014),
 * echoing the request's nonce. A decoded answer also keeps the octets its signature covers.
 *
 * @param type             {@link MessageType#OK} or {@link MessageType#NG}
 * @param nonce            the request's nonce
 * @param confirmationId   the ID number (OK only, else 0)
 * @param validitySeconds  how long the ID is valid (OK only, else 0)
 * @param reasonCode       why NG (NG only, else 0), one of {@link ConfirmationProtocol.ReasonCode}
 * @param signature        the signature as received (decoded answers), empty when unsigned
 * @param signedOctets     the octets the signature covers (decoded signed answers), else empty
 *
 * <p>{@code equals} compares what the answer says (type, nonce, ID, validity, reason), not its signature.
 *
 * <p>Immutable, so thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class ConfirmationAnswer {

    private final int type;
    private final byte[] nonce;
    private final long confirmationId;
    private final long validitySeconds;
    private final int reasonCode;
    private final Optional<Signature> signature;
    private final byte[] signedOctets;

    public ConfirmationAnswer(int type, byte[] nonce, long confirmationId, long validitySeconds, int reasonCode, Optional<Signature> signature, byte[] signedOctets) {
        if (type != MessageType.OK && type != MessageType.NG) {
            throw new IllegalArgumentException("not an answer type: " + type);
        }
        if (nonce.length != Tlv.NONCE_LENGTH) {
            throw new IllegalArgumentException("a nonce is " + Tlv.NONCE_LENGTH + " octets");
        }
        if (validitySeconds < 0 || validitySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("validity out of 32 bits: " + validitySeconds);
        }
        if (reasonCode < 0 || reasonCode > 0xFF) {
            throw new IllegalArgumentException("reason code out of 8 bits: " + reasonCode);
        }
        Objects.requireNonNull(signature, "signature");
        nonce = nonce.clone();
        signedOctets = signedOctets.clone();
        this.type = type;
        this.nonce = nonce;
        this.confirmationId = confirmationId;
        this.validitySeconds = validitySeconds;
        this.reasonCode = reasonCode;
        this.signature = signature;
        this.signedOctets = signedOctets;
    }


    /** A signature TLV's value: the algorithm and the signature octets. */
    public static final class Signature {

        private final int algorithm;
        private final byte[] value;

        public Signature(int algorithm, byte[] value) {
            value = value.clone();
            this.algorithm = algorithm;
            this.value = value;
        }

        public byte[] value() {
            return value.clone();
        }

        public int algorithm() {
            return algorithm;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Signature)) {
                return false;
            }
            Signature other = (Signature) o;
            return algorithm == other.algorithm
                    && java.util.Objects.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(algorithm, value);
        }

        @Override
        public String toString() {
            return "Signature[" + "algorithm=" + algorithm + ", " + "value=" + value + "]";
        }
    }

    /** An OK answer to be encoded (S3013). */
    public static ConfirmationAnswer ok(byte[] nonce, long confirmationId, long validitySeconds) {
        return new ConfirmationAnswer(MessageType.OK, nonce, confirmationId, validitySeconds, 0, Optional.empty(), new byte[0]);
    }

    /** An NG answer to be encoded (S3014). */
    public static ConfirmationAnswer ng(byte[] nonce, int reasonCode) {
        return new ConfirmationAnswer(MessageType.NG, nonce, 0, 0, reasonCode, Optional.empty(), new byte[0]);
    }

    public boolean isOk() {
        return type == MessageType.OK;
    }

    /** True when this answer echoes {@code requestNonce}. */
    public boolean answers(byte[] requestNonce) {
        return java.security.MessageDigest.isEqual(nonce, requestNonce);
    }

    public byte[] nonce() {
        return nonce.clone();
    }

    public byte[] signedOctets() {
        return signedOctets.clone();
    }

    /** The ID as it travels in SIP: 16 lower-case hex digits. */
    public static String idText(long confirmationId) {
        return String.format("%016x", confirmationId);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConfirmationAnswer)) {
            return false;
        }
        ConfirmationAnswer a = (ConfirmationAnswer) o;
        return type == a.type && Arrays.equals(nonce, a.nonce)
                && confirmationId == a.confirmationId && validitySeconds == a.validitySeconds && reasonCode == a.reasonCode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(nonce), confirmationId, validitySeconds, reasonCode);
    }

    @Override
    public String toString() {
        return isOk()
                ? "OK[id=" + idText(confirmationId) + ", valid " + validitySeconds + " s" + (signature.isPresent() ? ", signed" : "") + "]"
                : "NG[" + ConfirmationProtocol.reasonName(reasonCode) + (signature.isPresent() ? ", signed" : "") + "]";
    }

    public int type() {
        return type;
    }

    public long confirmationId() {
        return confirmationId;
    }

    public long validitySeconds() {
        return validitySeconds;
    }

    public int reasonCode() {
        return reasonCode;
    }

    public Optional<Signature> signature() {
        return signature;
    }
}
