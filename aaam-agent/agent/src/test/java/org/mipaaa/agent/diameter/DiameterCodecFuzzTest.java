package org.mipaaa.agent.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.fuzz.Fuzzing;

/**
 * Fuzz target (docs/FUZZING.md): the agent's DIAMETER codec on any octets a server (or anyone on the
 * path to the TLS endpoint) could send, and the AAAM-Authenticator check that runs on them.
 */
public class DiameterCodecFuzzTest {

    private static final long VENDOR = VendorSettings.defaults().vendorId();
    private static final AaamSecurityAssociation SA = new AaamSecurityAssociation("mn1@home.example", 4097, new byte[32]);

    @FuzzTest(maxDuration = "10s")
    void decodeRefusesOrRoundTripsAndTheAuthenticatorCheckNeverThrows(byte[] octets) throws Exception {
        check(octets);
    }

    /** The properties, for this target and for {@link org.mipaaa.fuzz.AgentParsersFuzzTest}. */
    public static void check(byte[] octets) throws Exception {
        AaamAuthenticator.Verification verification = AaamAuthenticator.verify(octets, VENDOR, spi -> Optional.of(SA));
        assertThat(verification).isNotNull();

        Optional<DiameterMessage> decoded = Fuzzing.parse(MalformedMessageException.class, () -> DiameterCodec.decode(octets));
        if (decoded.isEmpty()) {
            return;
        }
        DiameterMessage m = decoded.get();
        byte[] again = DiameterCodec.encode(m);
        // the last AVP may come without its padding; everything else is re-encoded octet for octet in length
        assertThat(again.length).isBetween(octets.length, octets.length + 3);
        assertThat(DiameterCodec.decode(again)).isEqualTo(m);
        for (Avp avp : m.avps()) {
            Fuzzing.parse(MalformedMessageException.class, avp::asGrouped)
                    .ifPresent(members -> assertThat(DiameterCodec.encodeAvps(members).length).isLessThanOrEqualTo(avp.data().length + 3));
        }
        Fuzzing.boundedText(m, octets.length, 4);
    }
}
