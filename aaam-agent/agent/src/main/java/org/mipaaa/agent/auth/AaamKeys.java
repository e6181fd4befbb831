package org.mipaaa.agent.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the AAAM key from the MN-AAA key the mobile node and its AAAH already share (docs/PROTOCOL.md
 * §3.1), so no second secret has to be provisioned:
 *
 * <pre>
 * AAAM-key = HMAC-SHA-256(MN-AAA-key, "mip-aaa AAAM key v1" || 0x00 || NAI || 0x00 || SPI)
 * </pre>
 *
 * with the NAI in UTF-8 and the AAAM-SPI as 4 octets, network order. The label keeps this key apart from
 * every other use of the MN-AAA key (the MN-HA and MN-FA keys of RFC 3957 §5 use HMAC over a nonce);
 * NAI and SPI bind it to one association. Both sides call this one method.
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class AaamKeys {

    /** The KDF's label (PROTOCOL §3.1). */
    public static final String LABEL = "mip-aaa AAAM key v1";

    private AaamKeys() {
    }

    /** The 32-octet AAAM key of {@code nai} under {@code spi}. */
    public static byte[] derive(byte[] mnAaaKey, String nai, long spi) {
        Objects.requireNonNull(mnAaaKey, "mnAaaKey");
        Objects.requireNonNull(nai, "nai");
        if (mnAaaKey.length == 0) {
            throw new IllegalArgumentException("empty MN-AAA key");
        }
        byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
        byte[] naiBytes = nai.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(label.length + 1 + naiBytes.length + 1 + 4);
        input.put(label).put((byte) 0).put(naiBytes).put((byte) 0).putInt((int) spi);
        try {
            Mac mac = Mac.getInstance(AaamAuthenticator.MAC_ALGORITHM);
            mac.init(new SecretKeySpec(mnAaaKey, AaamAuthenticator.MAC_ALGORITHM));
            return mac.doFinal(input.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java platform", e);
        }
    }
}
