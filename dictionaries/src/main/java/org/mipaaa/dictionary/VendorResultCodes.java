package org.mipaaa.dictionary;

import java.util.Map;

/**
 * Experimental-Result-Code values of MIP-Accounting-Services (docs/PROTOCOL.md). They are only
 * meaningful inside an Experimental-Result whose Vendor-Id is the configured vendor
 * ({@link VendorSettings#vendorId()}); RFC 6733 11.3.1 keeps no registry for them. The classes
 * follow RFC 6733 7.1: 1xxx informational, 4xxx transient, 5xxx permanent.
 */
public final class VendorResultCodes {

    /** The user cancelled the settlement when asked to confirm it (Confirmation-Result CANCELLED_BY_USER). */
    public static final int USER_REJECTED = 5801;

    /** The payee (or sponsor, or credit company) is unknown at its AAA server or terminal. */
    public static final int UNKNOWN_PAYEE = 5802;

    /** No settlement with this Settlement-Id exists for this user. */
    public static final int UNKNOWN_SETTLEMENT = 5803;

    /** The settlement is already cancelled: nothing is refunded twice. */
    public static final int ALREADY_CANCELLED = 5804;

    /** AAAM-Authenticator missing, unknown SPI, bad HMAC or replayed counter. */
    public static final int AAAM_AUTHENTICATION_FAILED = 5805;

    /** The payee's shop knows no order by this Order-Reference. */
    public static final int UNKNOWN_ORDER = 5806;

    /** No Order-Reference was named and the payee has no order to offer the user. */
    public static final int NO_ORDER = 5807;

    /** The sponsor does not pay for this advertisement. */
    public static final int NOT_ELIGIBLE = 5808;

    /** The user did not answer the User-Confirmation-Request in time; nothing was settled (transient). */
    public static final int CONFIRMATION_TIMEOUT = 4801;

    /**
     * The settlement is open and waits for the user's confirmation; nothing is charged yet. Informational
     * (RFC 6733 7.1.1: the request is not yet satisfied and the requester has more to do): the mobile
     * node answers the AAAH's User-Confirmation-Request when its user has decided, then asks for the
     * outcome with a SER carrying the Settlement-Id (docs/PROTOCOL.md §4.2).
     */
    public static final int CONFIRMATION_PENDING = 1801;

    private static final Map<Integer, String> NAMES = ResultCodes.rfcNames(VendorResultCodes.class, "");

    private VendorResultCodes() {
    }

    /** The name of a vendor result code ("USER_REJECTED"), or "UNKNOWN_..." by class as in {@link ResultCodes#name(int)}. */
    public static String name(int experimentalResultCode) {
        String known = NAMES.get(experimentalResultCode);
        return known != null ? known : "UNKNOWN_" + ResultCodes.category(experimentalResultCode);
    }
}
