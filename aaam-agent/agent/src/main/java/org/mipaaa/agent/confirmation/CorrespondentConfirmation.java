package org.mipaaa.agent.confirmation;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.dictionary.ConfirmationProtocol;
import org.mipaaa.dictionary.ConfirmationProtocol.Tlv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side (seed Fig. 21 (a)): before a call setup, ask the terminal at the address resolved
 * for the correspondent whether it is the expected host (and user) (S3001), wait for its answer
 * (S3002) and tell whether to go ahead (S3003). The request is sent up to {@code attempts} times, the
 * same octets each time (the terminal answers a retransmission with the same answer), each waiting
 * {@code attemptTimeout}; answers that do not echo the request's nonce or are malformed are ignored.
 *
 * <p>With the expected terminal's public key, an OK counts only when it is signed with that key
 * ({@link ConfirmationOutcome.BadSignature} otherwise, unsigned included). An NG is believed signed or
 * not: it only stops a call, which anyone on the path could do by dropping packets, and the terminal
 * that answers NG is by definition not the one whose key the caller holds.
 *
 * <p>Thread-safe: its settings are immutable and each confirmation uses a socket of its own.
 */
public final class CorrespondentConfirmation {

    private static final Logger log = LoggerFactory.getLogger(CorrespondentConfirmation.class);

    private final int attempts;
    private final Duration attemptTimeout;
    private final Optional<AnswerVerifier> verifier;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param expectedTerminalKey  the expected terminal's Ed25519 public key (e.g. from its certificate), if known
     */
    public CorrespondentConfirmation(int attempts, Duration attemptTimeout, Optional<PublicKey> expectedTerminalKey, Clock clock) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt: " + attempts);
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attempt timeout must be positive: " + attemptTimeout);
        }
        this.attempts = attempts;
        this.attemptTimeout = attemptTimeout;
        this.verifier = expectedTerminalKey.map(AnswerVerifier::new);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Three attempts, 500 ms each, no key. */
    public static CorrespondentConfirmation withDefaults() {
        return new CorrespondentConfirmation(3, Duration.ofMillis(500), Optional.empty(), Clock.systemUTC());
    }

    /** This caller with the expected terminal's public key: only an OK signed with it is believed. */
    public CorrespondentConfirmation requiringSignatureOf(PublicKey expectedTerminalKey) {
        return new CorrespondentConfirmation(attempts, attemptTimeout, Optional.of(expectedTerminalKey), clock);
    }

    /** {@link #confirm(InetSocketAddress, String, Optional)} at the protocol's default port of the resolved address. */
    public ConfirmationOutcome confirm(java.net.InetAddress resolved, String expectedHostName, Optional<String> expectedUser)
            throws IOException {
        return confirm(new InetSocketAddress(resolved, ConfirmationProtocol.DEFAULT_UDP_PORT), expectedHostName, expectedUser);
    }

    /**
     * S3001-S3003: asks the terminal at {@code terminal} whether it is {@code expectedHostName} (used by
     * {@code expectedUser}).
     */
    public ConfirmationOutcome confirm(InetSocketAddress terminal, String expectedHostName, Optional<String> expectedUser)
            throws IOException {
        if (terminal.isUnresolved()) {
            throw new java.net.UnknownHostException("the terminal's address is not resolved: " + terminal);
        }
        byte[] nonce = new byte[Tlv.NONCE_LENGTH];
        random.nextBytes(nonce);
        ConfirmationRequest question = new ConfirmationRequest(nonce, expectedHostName, expectedUser);
        byte[] request = ConfirmationCodec.encode(question);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(terminal.getAddress().isLoopbackAddress()
                ? terminal.getAddress() : null, 0))) {
            socket.connect(terminal); // answers from anywhere else are not delivered to us
            byte[] buffer = new byte[ConfirmationProtocol.MAX_MESSAGE_LENGTH + 1];
            for (int attempt = 1; attempt <= attempts; attempt++) {
                socket.send(new DatagramPacket(request, request.length));
                long deadline = System.nanoTime() + attemptTimeout.toNanos();
                while (true) {
                    long leftNanos = deadline - System.nanoTime();
                    if (leftNanos <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.max(1, (leftNanos + 999_999) / 1_000_000)); // rounded up: never short
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(in);
                    } catch (SocketTimeoutException e) {
                        break;
                    } catch (java.net.PortUnreachableException e) {
                        // ICMP port unreachable for a connected socket: nobody listens there now; try again
                        log.debug("confirmation to {}: port unreachable", terminal);
                        sleepQuietly(deadline);
                        break;
                    }
                    Optional<ConfirmationOutcome> outcome = outcome(Arrays.copyOf(in.getData(), in.getLength()), question, terminal);
                    if (outcome.isPresent()) {
                        log.info("confirmation of {} at {}: {}", expectedHostName, terminal, outcome.get().describe());
                        return outcome.get();
                    }
                }
            }
        }
        log.info("confirmation of {} at {}: no answer to {} attempts", expectedHostName, terminal, attempts);
        return new ConfirmationOutcome.NoAnswer(attempts);
    }

    /** The outcome an answer gives, or empty when it is not an answer to this request. */
    private Optional<ConfirmationOutcome> outcome(byte[] datagram, ConfirmationRequest question, InetSocketAddress terminal) {
        ConfirmationAnswer answer;
        try {
            answer = ConfirmationCodec.decodeAnswer(datagram);
        } catch (MalformedConfirmationException e) {
            log.info("ignored a malformed answer from {}: {}", terminal, e.getMessage());
            return Optional.empty();
        }
        if (!answer.answers(question.nonce())) {
            log.info("ignored an answer from {} to another request (nonce differs)", terminal);
            return Optional.empty();
        }
        if (!answer.isOk()) {
            return Optional.of(new ConfirmationOutcome.Refused(answer.reasonCode()));
        }
        if (verifier.isPresent()) {
            Optional<String> problem = verifier.get().problem(answer, question);
            if (problem.isPresent()) {
                return Optional.of(new ConfirmationOutcome.BadSignature(problem.get()));
            }
        }
        return Optional.of(new ConfirmationOutcome.Confirmed(answer.confirmationId(),
                clock.instant().plusSeconds(answer.validitySeconds()), verifier.isPresent()));
    }

    private static void sleepQuietly(long deadlineNanos) throws IOException {
        long ms = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while confirming");
            }
        }
    }
}
