package org.mipaaa.registration;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.MnFaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceReply;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationReply;

/**
 * The home agent's Registration Reply to a registration the home AAA server authorized (seed S105;
 * RFC 4004 §8.3-§8.4, RFC 3957 §6.2 and §6.4, RFC 5944 §3.4, §3.8.3): the fixed part, the request's
 * MN-NAI extension if it had one (RFC 2794 §3), then the
 * Generalized MN-HA Key Generation Nonce Reply with the AAAH's MN-HA nonce, then (if the mobile node
 * asked for one) the Generalized MN-FA Key Generation Nonce Reply with the AAAH's MN-FA nonce, then
 * the Mobile-Home Authentication extension computed with the new MN-HA session key under the SPI the
 * mobile node chose ({@link MnHaSecurityAssociation#forReplies()}). Both nonce extensions come before
 * the authenticator, so it protects them. Pure: no jDiameter type, no state.
 */
public final class HomeAgentReply {

    private HomeAgentReply() {
    }

    /**
     * The key material of the reply.
     *
     * @param aaaSpi      the SPI of the mobile node's MN-AAA security association (the request's MN-AAA
     *                    extension): RFC 3957 §6 "AAA SPI", which tells the MN which AAA-key derives the keys
     * @param mnHa        the new MN-HA association: {@code mnToHaSpi} goes into the nonce reply's HA SPI,
     *                    {@code haToMnSpi} and the key make the Mobile-Home authenticator
     * @param mnHaNonce   the AAAH's MN-HA nonce (MIP-MN-to-HA-MSA)
     * @param mnFaNonce   the AAAH's MN-FA nonce (MIP-MN-to-FA-MSA), if the mobile node asked for an MN-FA key
     * @param faSpi       the FA SPI of the MN-FA nonce reply (see {@code HarHandler} for where it comes from)
     * @param keyLifetime seconds the keys are valid (MIP-MSA-Lifetime; RFC 3957 §6 Lifetime)
     */
    public record Keys(long aaaSpi, MnHaSecurityAssociation mnHa, byte[] mnHaNonce, Optional<byte[]> mnFaNonce,
                       long faSpi, long keyLifetime) {
        public Keys {
            Objects.requireNonNull(mnHa, "mnHa");
            mnHaNonce = Objects.requireNonNull(mnHaNonce, "mnHaNonce").clone();
            Objects.requireNonNull(mnFaNonce, "mnFaNonce");
        }
    }

    /**
     * An accepted registration (code 0, RFC 5944 §3.4): the reply bytes, as they go into MIP-Reg-Reply.
     *
     * @param identification the request's Identification, copied whole (RFC 5944 §5.7.1)
     * @param nai            the MN-NAI extension of the request, if it had one: RFC 2794 §3, the reply
     *                       MUST then include it (here right after the fixed part, before the authenticator)
     */
    public static byte[] accepted(int lifetime, Inet4Address homeAddress, Inet4Address homeAgent, long identification,
                                  Keys keys, Optional<String> nai) {
        RegistrationBuilder reply = start(0, lifetime, homeAddress, homeAgent, identification, nai);
        int algorithm = keys.mnHa().algorithm().identifier().orElseThrow(
                () -> new IllegalArgumentException(keys.mnHa().algorithm() + " has no RFC 3957 algorithm identifier"));
        reply.add(new MnHaKeyGenerationNonceReply(keys.keyLifetime(), keys.aaaSpi(), keys.mnHa().mnToHaSpi(), algorithm,
                MnHaKeyGenerationNonceReply.REPLAY_TIMESTAMPS, keys.mnHaNonce()));
        keys.mnFaNonce().ifPresent(nonce -> reply.add(
                new MnFaKeyGenerationNonceReply(keys.keyLifetime(), keys.aaaSpi(), keys.faSpi(), algorithm, nonce)));
        reply.authenticate(AuthenticationKind.MOBILE_HOME, keys.mnHa().forReplies());
        // decoding it checks the extension order rules
        reply.build();
        return reply.toBytes();
    }

    /**
     * A renewal or deregistration accepted (S109, RFC 5944 §3.8.3.1): code 0 and the Mobile-Home
     * authenticator with the binding's key; no new key material.
     */
    public static byte[] renewed(int lifetime, Inet4Address homeAddress, Inet4Address homeAgent, long identification,
                                 MnHaSecurityAssociation mnHa, Optional<String> nai) {
        RegistrationBuilder reply = start(0, lifetime, homeAddress, homeAgent, identification, nai);
        reply.authenticate(AuthenticationKind.MOBILE_HOME, mnHa.forReplies());
        reply.build();
        return reply.toBytes();
    }

    /** A refusal the home agent cannot authenticate (no binding, or the mobile node failed its own). */
    public static byte[] unauthenticated(int code, Inet4Address homeAddress, Inet4Address homeAgent, long identification,
                                         Optional<String> nai) {
        return start(code, 0, homeAddress, homeAgent, identification, nai).toBytes();
    }

    /**
     * A denied registration (RFC 5944 §3.8.3.2: still authenticated), e.g. code 133 with the
     * resynchronizing Identification of {@link IdentificationCheck}. {@code mnHa} must be a key the
     * mobile node has: the association of its current binding, or else the new one, whose nonce then
     * goes first in a Generalized MN-HA Key Generation Nonce Reply ({@code newKeys}) so the mobile node
     * can derive it and check the denial.
     */
    public static byte[] denied(int code, Inet4Address homeAddress, Inet4Address homeAgent, long identification,
                                MnHaSecurityAssociation mnHa, Optional<Keys> newKeys, Optional<String> nai) {
        RegistrationBuilder reply = start(code, 0, homeAddress, homeAgent, identification, nai);
        newKeys.ifPresent(keys -> reply.add(new MnHaKeyGenerationNonceReply(keys.keyLifetime(), keys.aaaSpi(),
                keys.mnHa().mnToHaSpi(), keys.mnHa().algorithm().identifier().orElseThrow(),
                MnHaKeyGenerationNonceReply.REPLAY_TIMESTAMPS, keys.mnHaNonce())));
        reply.authenticate(AuthenticationKind.MOBILE_HOME, mnHa.forReplies());
        reply.build();
        return reply.toBytes();
    }

    /** The fixed part, then the request's MN-NAI extension when it had one (RFC 2794 §3). */
    private static RegistrationBuilder start(int code, int lifetime, Inet4Address homeAddress, Inet4Address homeAgent,
                                             long identification, Optional<String> nai) {
        RegistrationBuilder reply = RegistrationBuilder.reply(new RegistrationReply(code, lifetime, homeAddress, homeAgent,
                identification));
        nai.ifPresent(n -> reply.add(new MobileNodeNai(n)));
        return reply;
    }
}
