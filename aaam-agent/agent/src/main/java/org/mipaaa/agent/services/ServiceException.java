package org.mipaaa.agent.services;

import java.util.Objects;

/**
 * A service request that got no usable answer: why, in {@link #failure()}, and the DIAMETER result
 * code when the AAAH (or a node on the way) answered with one.
 *
 * <p>Immutable, so thread-safe.
 */
public final class ServiceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Failure {
        /** The AAAH refused the request's AAAM-Authenticator (5805): wrong key or SPI, or a replayed counter. */
        AUTHENTICATION_FAILED,
        /** The AAAH does not serve this NAI under this association (5003 DIAMETER_AUTHORIZATION_REJECTED). */
        UNKNOWN_USER,
        /** The AAAH found the billing period malformed (5004 with Failed-AVP Billing-Period). */
        MALFORMED_PERIOD,
        /** The payee's AAA server or shop terminal does not know the payee (Experimental-Result 5802 UNKNOWN_PAYEE). */
        UNKNOWN_PAYEE,
        /**
         * The shop knows no such order of the payee (Experimental-Result 5806 UNKNOWN_ORDER; servers before it said 5004
         * with Failed-AVP Order-Reference).
         */
        UNKNOWN_ORDER,
        /**
         * No order was named and the payee has none to offer (Experimental-Result 5807 NO_ORDER; servers before it said
         * 5005 with Failed-AVP Order-Reference).
         */
        NO_ORDER,
        /** The sponsor does not pay for this advertisement (Experimental-Result 5808 NOT_ELIGIBLE). */
        NOT_ELIGIBLE,
        /** The payee's AAA server does not accept requests from this node's home realm (5003 it reported). */
        REFUSED_BY_PAYEE,
        /** A node on the way could not reach the next one (3002 DIAMETER_UNABLE_TO_DELIVER, 3003): e.g. the shop terminal is down. */
        NOT_DELIVERED,
        /** No answer in time, or the connection could not be made or was lost. */
        NO_ANSWER,
        /** An answer came whose AAAM-Authenticator did not verify, or was replayed: it was discarded. */
        UNAUTHENTICATED_ANSWER,
        /** The user answered CANCEL when the AAAH asked to confirm the settlement (5801 USER_REJECTED): nothing was charged. */
        USER_REJECTED,
        /** The user's confirmation did not reach the AAAH in time (4801 CONFIRMATION_TIMEOUT): nothing was charged. */
        CONFIRMATION_TIMEOUT,
        /** The AAAH knows no settlement of this node by that Settlement-Id (5803 UNKNOWN_SETTLEMENT). */
        UNKNOWN_SETTLEMENT,
        /** The settlement was cancelled before (5804 ALREADY_CANCELLED): nothing was refunded again. */
        ALREADY_CANCELLED,
        /** The request was refused as malformed or with a value the AAAH does not accept (5004, 5005), e.g. a non-positive amount. */
        INVALID_REQUEST,
        /** The credit company did not accept the customer's credential (4001 DIAMETER_AUTHENTICATION_REJECTED): nothing committed. */
        CREDENTIAL_REFUSED,
        /** Any other refusal, e.g. a 3xxx from a node on the way (the realm unreachable). */
        REFUSED
    }

    private final Failure failure;
    private final long resultCode;

    public ServiceException(Failure failure, long resultCode, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.resultCode = resultCode;
    }

    public ServiceException(Failure failure, long resultCode, String message) {
        this(failure, resultCode, message, null);
    }

    public Failure failure() {
        return failure;
    }

    /** The Result-Code or Experimental-Result-Code of the answer; -1 without one. */
    public long resultCode() {
        return resultCode;
    }
}
