package org.mipaaa.agent.confirmation;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.dictionary.ConfirmationProtocol.Tlv;

/**
 * A confirmation request (S3001): "are you {@code expectedHostName} (used by {@code expectedUser})?".
 *
 * @param nonce             {@value Tlv#NONCE_LENGTH} random octets the answer must echo
 * @param expectedHostName  the host name the caller expects at the address
 * @param expectedUser      the user name or NAI it expects to be using that host, if it cares
 *
 * <p>Immutable, so thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class ConfirmationRequest {

    private final byte[] nonce;
    private final String expectedHostName;
    private final Optional<String> expectedUser;

    public ConfirmationRequest(byte[] nonce, String expectedHostName, Optional<String> expectedUser) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(expectedHostName, "expectedHostName");
        Objects.requireNonNull(expectedUser, "expectedUser");
        if (nonce.length != Tlv.NONCE_LENGTH) {
            throw new IllegalArgumentException("a nonce is " + Tlv.NONCE_LENGTH + " octets, not " + nonce.length);
        }
        nonce = nonce.clone();
        this.nonce = nonce;
        this.expectedHostName = expectedHostName;
        this.expectedUser = expectedUser;
    }


    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConfirmationRequest)) {
            return false;
        }
        ConfirmationRequest r = (ConfirmationRequest) o;
        return Arrays.equals(nonce, r.nonce)
                && expectedHostName.equals(r.expectedHostName) && expectedUser.equals(r.expectedUser);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(nonce), expectedHostName, expectedUser);
    }

    @Override
    public String toString() {
        return "ConfirmationRequest[host=" + expectedHostName + ", user=" + expectedUser.orElse("-") + "]";
    }

    public String expectedHostName() {
        return expectedHostName;
    }

    public Optional<String> expectedUser() {
        return expectedUser;
    }
}
