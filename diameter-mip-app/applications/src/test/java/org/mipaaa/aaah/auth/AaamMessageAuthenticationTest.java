package org.mipaaa.aaah.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdiameter.api.Answer;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaam.AaamAssociations;
import org.mipaaa.aaam.AaamReplayWindow;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.ReplayWindow;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.services.ChargeQueryCodec;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.registration.InfinispanSubscriberDirectory;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's AAAM authentication against the agent library's signer, over jDiameter's own encoding:
 * what the agent signs the AAAH accepts once, and what the AAAH signs the agent verifies. Real
 * Infinispan (config/infinispan.xml) for the subscribers and the replay counters.
 */
class AaamMessageAuthenticationTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final AaamSecurityAssociation MN1 = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4097, MN1_KEY);

    @TempDir
    Path dir;

    private StateStore store;
    private AaamMessageAuthentication authentication;
    private final MessageParser parser = new MessageParser();

    @BeforeEach
    void open() {
        store = StateStore.open(Path.of("../../config/infinispan.xml"), dir, "aaam-test-" + System.nanoTime());
        InfinispanSubscriberDirectory subscribers = InfinispanSubscriberDirectory.in(store);
        subscribers.put(Subscriber.of("mn1@home.example", MnAaaSecurityAssociation.of(256, MN1_KEY)).withAaamSpi(4097));
        subscribers.put(Subscriber.of("mn3@home.example", MnAaaSecurityAssociation.of(258, MN1_KEY)));
        authentication = new AaamMessageAuthentication(new AaamAssociations(subscribers), AaamReplayWindow.in(store), Dictionary.bundled(VENDOR));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A CQR as the agent sends it, signed with {@code counter}, parsed by jDiameter as the AAAH receives it. */
    private IMessage agentRequest(AaamSecurityAssociation sa, long counter, boolean retransmitted) throws Exception {
        DiameterMessage cqr = ChargeQueryCodec.request(VENDOR, "mn1.home.example;1;" + counter, "mn1.home.example", "home.example",
                sa.nai(), "2026-10").withIdentifiers(7, 0x1234_0000L + counter);
        List<Avp> avps = new ArrayList<>(cqr.avps());
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(cqr), sa, counter, VENDOR.vendorId()));
        int flags = cqr.flags() | (retransmitted ? DiameterMessage.FLAG_RETRANSMITTED : 0);
        return parser.createMessage(DiameterCodec.encode(new DiameterMessage(flags, cqr.commandCode(), cqr.applicationId(),
                cqr.hopByHop(), cqr.endToEnd(), avps)));
    }

    @Test
    void theAgentsSignedRequestIsAcceptedOnceItsCounterNeverAgain() throws Exception {
        assertThat(authentication.authenticate(agentRequest(MN1, 100, false)))
                .isEqualTo(new AaamMessageAuthentication.Verdict.Authenticated(MN1));
        assertThat(authentication.authenticate(agentRequest(MN1, 100, true)))
                .as("the same counter again, even retransmitted").isInstanceOf(AaamMessageAuthentication.Verdict.Refused.class);
        assertThat(authentication.authenticate(agentRequest(MN1, 99, false)))
                .as("pipelined and overtaken by 100: within the window, accepted once")
                .isEqualTo(new AaamMessageAuthentication.Verdict.Authenticated(MN1));
        assertThat(authentication.authenticate(agentRequest(MN1, 99, false))).isInstanceOf(AaamMessageAuthentication.Verdict.Refused.class);
        assertThat(authentication.authenticate(agentRequest(MN1, 101, true)))
                .as("the T flag is not covered").isEqualTo(new AaamMessageAuthentication.Verdict.Authenticated(MN1));
        assertThat(authentication.authenticate(agentRequest(MN1, 98, false)))
                .as("not seen, above the floor").isEqualTo(new AaamMessageAuthentication.Verdict.Authenticated(MN1));
        for (long c = 102; c < 102 + ReplayWindow.SIZE; c++) {
            assertThat(authentication.authenticate(agentRequest(MN1, c, false))).isInstanceOf(AaamMessageAuthentication.Verdict.Authenticated.class);
        }
        assertThat(authentication.authenticate(agentRequest(MN1, 97, false)))
                .as("below the window: too old to tell").isInstanceOf(AaamMessageAuthentication.Verdict.Refused.class);
    }

    @Test
    void theHighestCounterSurvivesARestartOfTheStore() throws Exception {
        assertThat(authentication.authenticate(agentRequest(MN1, 500, false))).isInstanceOf(AaamMessageAuthentication.Verdict.Authenticated.class);
        store.close();
        store = StateStore.open(Path.of("../../config/infinispan.xml"), dir, "aaam-test-" + System.nanoTime());
        InfinispanSubscriberDirectory subscribers = InfinispanSubscriberDirectory.in(store);
        subscribers.put(Subscriber.of("mn1@home.example", MnAaaSecurityAssociation.of(256, MN1_KEY)).withAaamSpi(4097));
        authentication = new AaamMessageAuthentication(new AaamAssociations(subscribers), AaamReplayWindow.in(store), Dictionary.bundled(VENDOR));

        assertThat(authentication.authenticate(agentRequest(MN1, 500, false))).isInstanceOf(AaamMessageAuthentication.Verdict.Refused.class);
        assertThat(authentication.authenticate(agentRequest(MN1, 501, false))).isInstanceOf(AaamMessageAuthentication.Verdict.Authenticated.class);
    }

    @Test
    void anUnknownSpiAWrongKeyOrNoAuthenticatorIsRefusedAndBurnsNoCounter() throws Exception {
        AaamSecurityAssociation wrongKey = new AaamSecurityAssociation("mn1@home.example", 4097, new byte[32]);
        AaamSecurityAssociation mn3 = AaamSecurityAssociation.fromMnAaaKey("mn3@home.example", 4099, MN1_KEY);
        DiameterMessage unsigned = ChargeQueryCodec.request(VENDOR, "s;1;1", "mn1.home.example", "home.example", "mn1@home.example", "2026-10")
                .withIdentifiers(1, 2);

        assertThat(authentication.authenticate(agentRequest(wrongKey, 10, false)))
                .isEqualTo(new AaamMessageAuthentication.Verdict.Refused("bad HMAC under AAAM-SPI 4097"));
        assertThat(authentication.authenticate(agentRequest(mn3, 10, false)))
                .as("a subscriber without aaam.spi has no association").isEqualTo(new AaamMessageAuthentication.Verdict.Refused("unknown AAAM-SPI 4099"));
        assertThat(authentication.authenticate(parser.createMessage(DiameterCodec.encode(unsigned))))
                .isEqualTo(new AaamMessageAuthentication.Verdict.Refused("no AAAM-Authenticator"));
        assertThat(authentication.authenticate(agentRequest(MN1, 10, false))).as("the forgeries burnt no counter")
                .isInstanceOf(AaamMessageAuthentication.Verdict.Authenticated.class);
    }

    @Test
    void theAaahsSignedAnswerVerifiesAtTheAgentWithIncreasingCounters() throws Exception {
        AnswerFactory answers = new AnswerFactory("aaah.home.example", "home.example", Dictionary.bundled(VENDOR));
        long previous = -1;
        for (int i = 0; i < 3; i++) {
            Answer answer = answers.answer(agentRequest(MN1, 200 + i, false), Outcome.success(avps -> avps.add(AvpCodes.USER_NAME, "mn1@home.example"))
                    .sealedBy(complete -> authentication.sign(complete, MN1)));

            ByteBuffer wire = parser.encodeMessage((IMessage) answer);
            byte[] bytes = new byte[wire.remaining()];
            wire.get(bytes);
            AaamAuthenticator.Verification v = AaamAuthenticator.verify(bytes, VENDOR.vendorId(),
                    spi -> spi == MN1.spi() ? Optional.of(MN1) : Optional.empty());

            assertThat(v).isInstanceOf(AaamAuthenticator.Verification.Verified.class);
            long counter = ((AaamAuthenticator.Verification.Verified) v).counter();
            assertThat(counter).isGreaterThan(previous);
            previous = counter;
            // the authenticator is the last 92 octets; the User-Name the AVP before it
            bytes[bytes.length - 92 - 5] ^= 1;
            assertThat(AaamAuthenticator.verify(bytes, VENDOR.vendorId(), spi -> Optional.of(MN1)))
                    .isInstanceOf(AaamAuthenticator.Verification.Refused.class);
        }
    }
}
