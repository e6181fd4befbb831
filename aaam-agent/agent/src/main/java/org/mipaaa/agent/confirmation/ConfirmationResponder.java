package org.mipaaa.agent.confirmation;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;
import org.mipaaa.dictionary.ConfirmationProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's side (seed Fig. 21 (b)): a request in (S3011), the comparison with the terminal's
 * identity (S3012), OK with a fresh ID (S3013) or NG with a reason (S3014) out. No sockets here
 * ({@link UdpConfirmationResponder} carries the datagrams).
 *
 * <p>Malformed input: a datagram whose header is a request's and whose nonce is readable gets NG
 * MALFORMED_REQUEST (the caller can match it); anything else (garbage, another version, an answer
 * sent to us) is dropped with a log line, so two terminals can never answer each other's answers.
 *
 * <p>A retransmitted request (the same octets) within {@link #RETRANSMISSION_WINDOW} gets the same OK
 * again, not a second ID: the caller retransmits when an answer was lost, and must see the ID it will
 * put in its call setup. NG answers hold no state and are decided afresh each time.
 */
public final class ConfirmationResponder {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationResponder.class);

    /** How long an OK is kept for retransmissions of its request: well past a caller's attempts (seconds). */
    public static final Duration RETRANSMISSION_WINDOW = Duration.ofSeconds(10);

    private final TerminalIdentity identity;
    private final IssuedConfirmations issued;
    private final Optional<AnswerSigner> signer;
    private final Clock clock;
    private final int remembered;
    private final SourceRateLimit rateLimit;
    /** Request octets -> answer octets and when to forget them, oldest first. */
    private final Map<ByteBuffer, Remembered> answers = new LinkedHashMap<>();

    private static final class Remembered {

        private final byte[] answer;
        private final Instant until;

        Remembered(byte[] answer, Instant until) {
            this.answer = answer;
            this.until = until;
        }


        public byte[] answer() {
            return answer;
        }

        public Instant until() {
            return until;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Remembered)) {
                return false;
            }
            Remembered other = (Remembered) o;
            return java.util.Objects.equals(answer, other.answer)
                    && java.util.Objects.equals(until, other.until);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(answer, until);
        }

        @Override
        public String toString() {
            return "Remembered[" + "answer=" + answer + ", " + "until=" + until + "]";
        }
    }

    /**
     * @param remembered  how many recent OK answers are kept for retransmitted requests
     */
    public ConfirmationResponder(TerminalIdentity identity, IssuedConfirmations issued, Optional<AnswerSigner> signer,
                                 Clock clock, int remembered) {
        this(identity, issued, signer, clock, remembered, SourceRateLimit.withDefaults(clock));
    }

    /**
     * @param remembered  how many recent OK answers are kept for retransmitted requests
     * @param rateLimit   how many requests one address may send
     */
    public ConfirmationResponder(TerminalIdentity identity, IssuedConfirmations issued, Optional<AnswerSigner> signer,
                                 Clock clock, int remembered, SourceRateLimit rateLimit) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        if (remembered < 0) {
            throw new IllegalArgumentException("remembered must not be negative: " + remembered);
        }
        this.identity = Objects.requireNonNull(identity, "identity");
        this.issued = Objects.requireNonNull(issued, "issued");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.remembered = remembered;
    }

    public TerminalIdentity identity() {
        return identity;
    }

    /** The IDs this terminal issued: the callee side redeems an incoming call's ID here. */
    public IssuedConfirmations issued() {
        return issued;
    }

    /**
     * The answer's octets to send back to {@code source}, or empty when the datagram is dropped (not a
     * request, or {@code source} sent more than its rate allows).
     */
    public synchronized Optional<byte[]> answer(byte[] datagram, InetAddress source) {
        Objects.requireNonNull(source, "source");
        if (!rateLimit.allow(source)) {
            log.debug("confirmation request from {} dropped: over its rate", source);
            return Optional.empty();
        }
        Instant now = clock.instant();
        ByteBuffer key = ByteBuffer.wrap(datagram.clone());
        Remembered again = answers.get(key);
        if (again != null && now.isBefore(again.until())) {
            log.debug("retransmitted confirmation request: same answer again");
            return Optional.of(again.answer().clone());
        }
        ConfirmationAnswer answer;
        ConfirmationRequest question = null;
        try {
            question = ConfirmationCodec.decodeRequest(datagram);
            answer = decide(question, source);
        } catch (MalformedConfirmationException e) {
            if (!e.requestNonce().isPresent()) {
                log.debug("confirmation datagram dropped ({} octets): {}", datagram.length, e.getMessage()); // debug: garbage must not flood the log
                return Optional.empty();
            }
            log.info("malformed confirmation request answered NG: {}", e.getMessage());
            answer = ConfirmationAnswer.ng(e.requestNonce().get(), ReasonCode.MALFORMED_REQUEST);
        }
        byte[] octets = ConfirmationCodec.encode(answer, question, signer);
        if (answer.isOk()) {
            remember(key, octets, now);
        }
        return Optional.of(octets);
    }

    /** S3012-S3014 for a well-formed request. */
    private ConfirmationAnswer decide(ConfirmationRequest request, InetAddress source) {
        Optional<Integer> mismatch = identity.mismatch(request);
        if (mismatch.isPresent()) {
            log.info("confirmation NG ({}): asked for {} / {}, this is {}", ConfirmationProtocol.reasonName(mismatch.get()),
                    request.expectedHostName(), request.expectedUser().orElse("-"), identity.hostName());
            return ConfirmationAnswer.ng(request.nonce(), mismatch.get());
        }
        OptionalLong id = issued.issue(source);
        if (!id.isPresent()) {
            log.info("confirmation NG (BUSY) to {}: no room for another ID (in all, or for that address)", source);
            return ConfirmationAnswer.ng(request.nonce(), ReasonCode.BUSY);
        }
        log.info("confirmation OK for {} / {}", request.expectedHostName(), request.expectedUser().orElse("-"));
        return ConfirmationAnswer.ok(request.nonce(), id.getAsLong(), issued.validity().getSeconds());
    }

    private void remember(ByteBuffer request, byte[] answer, Instant now) {
        answers.values().removeIf(r -> !now.isBefore(r.until()));
        if (answers.size() >= remembered && !answers.isEmpty()) {
            Iterator<ByteBuffer> oldest = answers.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        if (remembered > 0) {
            answers.put(request, new Remembered(answer, now.plus(RETRANSMISSION_WINDOW.compareTo(issued.validity()) < 0 ? RETRANSMISSION_WINDOW : issued.validity())));
        }
    }
}
