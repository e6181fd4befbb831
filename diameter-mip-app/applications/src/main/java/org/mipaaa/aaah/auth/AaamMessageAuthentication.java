package org.mipaaa.aaah.auth;

import java.nio.ByteBuffer;

import org.jdiameter.api.Message;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.parser.ParseException;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.aaam.AaamAssociations;
import org.mipaaa.aaam.AaamReplayWindow;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.dictionary.Dictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's side of the AAAM-Authenticator (docs/PROTOCOL.md §3): checks a mobile node's request
 * end to end, whichever AAAF relayed it, and signs the answer. The octets hashed are the message as
 * jDiameter encodes it, checked with the agent library's {@link AaamAuthenticator}: one implementation
 * of the algorithm for both ends.
 */
public final class AaamMessageAuthentication {

    private static final Logger log = LoggerFactory.getLogger(AaamMessageAuthentication.class);

    private final AaamAssociations associations;
    private final AaamReplayWindow window;
    private final Dictionary dictionary;
    private final long vendorId;
    private final MessageParser parser = new MessageParser();

    /** {@code dictionary} carries the carrier's Vendor-Id and writes the AAAM-Authenticator AVP. */
    public AaamMessageAuthentication(AaamAssociations associations, AaamReplayWindow window, Dictionary dictionary) {
        this.associations = associations;
        this.window = window;
        this.dictionary = dictionary;
        this.vendorId = dictionary.vendorSettings().vendorId();
    }

    /** The Vendor-Id of the AAAM-Authenticator and of the AAAH's vendor outcomes (5805). */
    public long vendorId() {
        return vendorId;
    }

    /** What {@link #authenticate} decided. */
    public sealed interface Verdict {
        /** Authentic and not replayed (its counter is now recorded): act under {@code association}. */
        record Authenticated(AaamSecurityAssociation association) implements Verdict {
        }

        /** Refuse with AAAM_AUTHENTICATION_FAILED and act on nothing; {@code reason} is for the log. */
        record Refused(String reason) implements Verdict {
        }
    }

    /**
     * Checks {@code request}'s AAAM-Authenticator: present, nothing but Route-Record and Proxy-Info after
     * it, a known SPI, the HMAC, and a counter above every one accepted before under its association.
     */
    public Verdict authenticate(Message request) {
        byte[] bytes;
        try {
            bytes = encode(request);
        } catch (ParseException e) {
            return new Verdict.Refused("cannot encode the request: " + e.getMessage());
        }
        AaamAuthenticator.Verification v = AaamAuthenticator.verify(bytes, vendorId, associations::find);
        if (v instanceof AaamAuthenticator.Verification.Refused refused) {
            return new Verdict.Refused(refused.reason());
        }
        AaamAuthenticator.Verification.Verified verified = (AaamAuthenticator.Verification.Verified) v;
        if (!window.acceptFromMobileNode(verified.association(), verified.counter())) {
            return new Verdict.Refused("replayed counter " + verified.counter() + " under AAAM-SPI " + verified.association().spi());
        }
        return new Verdict.Authenticated(verified.association());
    }

    /**
     * The association whose key made {@code request}'s AAAM-Authenticator, without looking at or
     * recording its counter: for a copy of a request already acted on (a retransmission whose first
     * answer this node no longer holds, e.g. after a restart), which may be answered again from stored
     * state but never acted on anew. Empty when the HMAC does not verify.
     */
    public java.util.Optional<AaamSecurityAssociation> signer(Message request) {
        try {
            AaamAuthenticator.Verification v = AaamAuthenticator.verify(encode(request), vendorId, associations::find);
            return v instanceof AaamAuthenticator.Verification.Verified verified
                    ? java.util.Optional.of(verified.association()) : java.util.Optional.empty();
        } catch (ParseException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Appends the AAAM-Authenticator to {@code answer} (an answer to the mobile node, or the AAAH's own
     * UCR to it), whose other AVPs must all be in place: it covers them. The counter is durable before
     * this returns.
     */
    public void sign(Message answer, AaamSecurityAssociation association) {
        try {
            long counter = window.nextTowardsMobileNode(association);
            Avp authenticator = AaamAuthenticator.sign(encode(answer), association, counter, vendorId);
            AvpWriter group = new AvpWriter(dictionary, answer.getAvps()).group(authenticator.code(), vendorId);
            for (Avp member : authenticator.asGrouped()) {
                // as the agent library encoded them: the HMAC covers these octets
                group.encoded(member.code(), member.vendorId(), member.data());
            }
        } catch (ParseException | MalformedMessageException e) {
            // our own answer: encoding it cannot fail unless jDiameter is broken
            log.error("cannot sign the answer to {}: {}", association, e.toString());
            throw new IllegalStateException("cannot sign an answer", e);
        }
    }

    private byte[] encode(Message message) throws ParseException {
        ByteBuffer buffer = parser.encodeMessage((IMessage) message);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
