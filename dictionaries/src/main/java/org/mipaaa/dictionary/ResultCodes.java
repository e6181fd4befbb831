package org.mipaaa.dictionary;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Result-Code values (RFC 6733 7.1 and RFC 4004 6). A constant's name is the RFC name without its
 * "DIAMETER_" prefix; {@link #name(int)} gives the full RFC name back for traces. The bundled
 * dictionary lists the same values as named values of Result-Code, and
 * {@code ConstantsMatchDictionaryTest} keeps both equal. Vendor result codes of
 * MIP-Accounting-Services travel in Experimental-Result: see {@link VendorResultCodes}.
 */
public final class ResultCodes {

    /** RFC 6733 7.1.1: more round trips of a multi-round authentication are needed. */
    public static final int MULTI_ROUND_AUTH = 1001;

    /** RFC 6733 7.1.2. */
    public static final int SUCCESS = 2001;
    /** RFC 6733 7.1.2: success, with limitations (e.g. some optional AVPs ignored). */
    public static final int LIMITED_SUCCESS = 2002;

    /** RFC 6733 7.1.3 (protocol errors). */
    public static final int COMMAND_UNSUPPORTED = 3001;
    /** RFC 6733 7.1.3. */
    public static final int UNABLE_TO_DELIVER = 3002;
    /** RFC 6733 7.1.3. */
    public static final int REALM_NOT_SERVED = 3003;
    /** RFC 6733 7.1.3. */
    public static final int TOO_BUSY = 3004;
    /** RFC 6733 7.1.3. */
    public static final int LOOP_DETECTED = 3005;
    /** RFC 6733 7.1.3. */
    public static final int REDIRECT_INDICATION = 3006;
    /** RFC 6733 7.1.3. */
    public static final int APPLICATION_UNSUPPORTED = 3007;
    /** RFC 6733 7.1.3. */
    public static final int INVALID_HDR_BITS = 3008;
    /** RFC 6733 7.1.3. */
    public static final int INVALID_AVP_BITS = 3009;
    /** RFC 6733 7.1.3. */
    public static final int UNKNOWN_PEER = 3010;

    /** RFC 6733 7.1.4 (transient failures). */
    public static final int AUTHENTICATION_REJECTED = 4001;
    /** RFC 6733 7.1.4. */
    public static final int OUT_OF_SPACE = 4002;
    /** RFC 6733 7.1.4: the RFC name has no DIAMETER_ prefix. */
    public static final int ELECTION_LOST = 4003;
    /** RFC 4004 6.1: the home agent failed to process the Registration Request. */
    public static final int ERROR_MIP_REPLY_FAILURE = 4005;
    /** RFC 4004 6.1: the requested home agent cannot be assigned now. */
    public static final int ERROR_HA_NOT_AVAILABLE = 4006;
    /** RFC 4004 6.1: the home agent found the generated key invalid. */
    public static final int ERROR_BAD_KEY = 4007;
    /** RFC 4004 6.1: a mobility agent cannot support the requested MIP-Filter-Rule. */
    public static final int ERROR_MIP_FILTER_NOT_SUPPORTED = 4008;

    /** RFC 6733 7.1.5 (permanent failures). */
    public static final int AVP_UNSUPPORTED = 5001;
    /** RFC 6733 7.1.5. */
    public static final int UNKNOWN_SESSION_ID = 5002;
    /** RFC 6733 7.1.5. */
    public static final int AUTHORIZATION_REJECTED = 5003;
    /** RFC 6733 7.1.5. */
    public static final int INVALID_AVP_VALUE = 5004;
    /** RFC 6733 7.1.5. */
    public static final int MISSING_AVP = 5005;
    /** RFC 6733 7.1.5. */
    public static final int RESOURCES_EXCEEDED = 5006;
    /** RFC 6733 7.1.5. */
    public static final int CONTRADICTING_AVPS = 5007;
    /** RFC 6733 7.1.5. */
    public static final int AVP_NOT_ALLOWED = 5008;
    /** RFC 6733 7.1.5. */
    public static final int AVP_OCCURS_TOO_MANY_TIMES = 5009;
    /** RFC 6733 7.1.5. */
    public static final int NO_COMMON_APPLICATION = 5010;
    /** RFC 6733 7.1.5. */
    public static final int UNSUPPORTED_VERSION = 5011;
    /** RFC 6733 7.1.5. */
    public static final int UNABLE_TO_COMPLY = 5012;
    /** RFC 6733 7.1.5. */
    public static final int INVALID_BIT_IN_HEADER = 5013;
    /** RFC 6733 7.1.5. */
    public static final int INVALID_AVP_LENGTH = 5014;
    /** RFC 6733 7.1.5. */
    public static final int INVALID_MESSAGE_LENGTH = 5015;
    /** RFC 6733 7.1.5. */
    public static final int INVALID_AVP_BIT_COMBO = 5016;
    /** RFC 6733 7.1.5. */
    public static final int NO_COMMON_SECURITY = 5017;
    /** RFC 4004 6.2: the AAAF does not allow a home agent in its domain now. */
    public static final int ERROR_NO_FOREIGN_HA_SERVICE = 5024;
    /** RFC 4004 6.2: the session keys could not be delivered over a security association. */
    public static final int ERROR_END_TO_END_MIP_KEY_ENCRYPTION = 5025;

    private static final Map<Integer, String> NAMES = rfcNames(ResultCodes.class, "DIAMETER_", "ELECTION_LOST");

    private ResultCodes() {
    }

    /**
     * The RFC name of a Result-Code ("DIAMETER_SUCCESS"), for traces and logs. An unknown code gets a
     * name from its class (RFC 6733 7.1), e.g. "UNKNOWN_PERMANENT_FAILURE", so a trace line is never blank.
     */
    public static String name(int resultCode) {
        String known = NAMES.get(resultCode);
        return known != null ? known : "UNKNOWN_" + category(resultCode);
    }

    /** True for the 2xxx (success) class. */
    public static boolean isSuccess(int resultCode) {
        return resultCode >= 2000 && resultCode < 3000;
    }

    /** The RFC 6733 7.1 class of a code: INFORMATIONAL, SUCCESS, PROTOCOL_ERROR, TRANSIENT_FAILURE, PERMANENT_FAILURE. */
    public static String category(int resultCode) {
        switch (resultCode / 1000) {
            case 1:
                return "INFORMATIONAL";
            case 2:
                return "SUCCESS";
            case 3:
                return "PROTOCOL_ERROR";
            case 4:
                return "TRANSIENT_FAILURE";
            case 5:
                return "PERMANENT_FAILURE";
            default:
                return "RESULT_CODE";
        }
    }

    /**
     * The int constants of a class, by value, named with a prefix (the constants drop the RFC's common
     * prefix to stay short; the exceptions already carry their full RFC name).
     */
    static Map<Integer, String> rfcNames(Class<?> constants, String prefix, String... withoutPrefix) {
        Map<Integer, String> names = new TreeMap<>();
        for (Field f : constants.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (f.getType() != int.class || !Modifier.isPublic(mod) || !Modifier.isStatic(mod)) {
                continue;
            }
            try {
                String name = List.of(withoutPrefix).contains(f.getName()) ? f.getName() : prefix + f.getName();
                names.put(f.getInt(null), name);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("public constant not readable: " + f, e);
            }
        }
        return names;
    }

    /**
     * 3xxx, protocol errors (RFC 6733 §7.1.3): the request was not delivered to, or not served by, a
     * node that could answer it (3002 UNABLE_TO_DELIVER, 3004 TOO_BUSY, ...); sending it again later
     * or elsewhere may succeed, unlike 4xxx/5xxx.
     */
    public static boolean isProtocolError(long resultCode) {
        return resultCode >= 3000 && resultCode < 4000;
    }
}
