package org.mipaaa.mobileip;

import java.util.Map;

/**
 * Code values of the Registration Reply (RFC 5944 §3.4 and §6.4; the RFCs that added codes are
 * named on each constant). 0-8 success, 64-127 denied by the foreign agent, 128-192 denied by the
 * home agent.
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class ReplyCode {

    // RFC 5944 §3.4, registration successful
    public static final int ACCEPTED = 0;
    public static final int ACCEPTED_NO_SIMULTANEOUS_BINDINGS = 1;

    // RFC 5944 §3.4, denied by the foreign agent
    public static final int FA_REASON_UNSPECIFIED = 64;
    public static final int FA_ADMINISTRATIVELY_PROHIBITED = 65;
    public static final int FA_INSUFFICIENT_RESOURCES = 66;
    public static final int FA_MOBILE_NODE_FAILED_AUTHENTICATION = 67;
    public static final int FA_HOME_AGENT_FAILED_AUTHENTICATION = 68;
    public static final int FA_LIFETIME_TOO_LONG = 69;
    public static final int FA_POORLY_FORMED_REQUEST = 70;
    public static final int FA_POORLY_FORMED_REPLY = 71;
    public static final int FA_ENCAPSULATION_UNAVAILABLE = 72;
    public static final int FA_INVALID_CARE_OF_ADDRESS = 77;
    public static final int FA_REGISTRATION_TIMEOUT = 78;
    public static final int FA_HOME_NETWORK_UNREACHABLE = 80;
    public static final int FA_HOME_AGENT_HOST_UNREACHABLE = 81;
    public static final int FA_HOME_AGENT_PORT_UNREACHABLE = 82;
    public static final int FA_HOME_AGENT_UNREACHABLE = 88;
    public static final int FA_INVALID_HOME_AGENT_ADDRESS = 194;
    // RFC 2794 §5
    public static final int FA_NONZERO_HOMEADDR_REQUIRED = 96;
    public static final int FA_MISSING_NAI = 97;
    public static final int FA_MISSING_HOME_AGENT = 98;
    public static final int FA_MISSING_HOMEADDR = 99;
    // RFC 3115 §2.4
    public static final int FA_UNSUPPORTED_CVSE_FROM_MOBILE_NODE = 100;
    public static final int FA_UNSUPPORTED_CVSE_FROM_HOME_AGENT = 101;
    // RFC 4721 §10
    public static final int FA_UNKNOWN_CHALLENGE = 104;
    public static final int FA_MISSING_CHALLENGE = 105;
    public static final int FA_STALE_CHALLENGE = 106;
    public static final int FA_BAD_AAA_AUTHENTICATION = 108;
    public static final int FA_HOME_AGENT_WRONG_CHALLENGE = 109;
    // RFC 3957 §7
    public static final int FA_MISSING_MN_FA_KEY = 107;

    // RFC 5944 §3.4, denied by the home agent
    public static final int HA_REASON_UNSPECIFIED = 128;
    public static final int HA_ADMINISTRATIVELY_PROHIBITED = 129;
    public static final int HA_INSUFFICIENT_RESOURCES = 130;
    public static final int HA_MOBILE_NODE_FAILED_AUTHENTICATION = 131;
    public static final int HA_FOREIGN_AGENT_FAILED_AUTHENTICATION = 132;
    public static final int HA_IDENTIFICATION_MISMATCH = 133;
    public static final int HA_POORLY_FORMED_REQUEST = 134;
    public static final int HA_TOO_MANY_BINDINGS = 135;
    public static final int HA_UNKNOWN_HOME_AGENT_ADDRESS = 136;
    // RFC 3115 §2.4
    public static final int HA_UNSUPPORTED_CVSE_FROM_MOBILE_NODE = 140;
    public static final int HA_UNSUPPORTED_CVSE_FROM_FOREIGN_AGENT = 141;
    // RFC 4721 §10
    public static final int HA_BAD_AAA_AUTHENTICATION = 144;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ACCEPTED, "registration accepted"),
            Map.entry(ACCEPTED_NO_SIMULTANEOUS_BINDINGS,
                    "registration accepted, but simultaneous mobility bindings unsupported"),
            Map.entry(FA_REASON_UNSPECIFIED, "FA: reason unspecified"),
            Map.entry(FA_ADMINISTRATIVELY_PROHIBITED, "FA: administratively prohibited"),
            Map.entry(FA_INSUFFICIENT_RESOURCES, "FA: insufficient resources"),
            Map.entry(FA_MOBILE_NODE_FAILED_AUTHENTICATION, "FA: mobile node failed authentication"),
            Map.entry(FA_HOME_AGENT_FAILED_AUTHENTICATION, "FA: home agent failed authentication"),
            Map.entry(FA_LIFETIME_TOO_LONG, "FA: requested Lifetime too long"),
            Map.entry(FA_POORLY_FORMED_REQUEST, "FA: poorly formed Request"),
            Map.entry(FA_POORLY_FORMED_REPLY, "FA: poorly formed Reply"),
            Map.entry(FA_ENCAPSULATION_UNAVAILABLE, "FA: requested encapsulation unavailable"),
            Map.entry(FA_INVALID_CARE_OF_ADDRESS, "FA: invalid care-of address"),
            Map.entry(FA_REGISTRATION_TIMEOUT, "FA: registration timeout"),
            Map.entry(FA_HOME_NETWORK_UNREACHABLE, "FA: home network unreachable"),
            Map.entry(FA_HOME_AGENT_HOST_UNREACHABLE, "FA: home agent host unreachable"),
            Map.entry(FA_HOME_AGENT_PORT_UNREACHABLE, "FA: home agent port unreachable"),
            Map.entry(FA_HOME_AGENT_UNREACHABLE, "FA: home agent unreachable"),
            Map.entry(FA_INVALID_HOME_AGENT_ADDRESS, "FA: invalid home agent address"),
            Map.entry(FA_NONZERO_HOMEADDR_REQUIRED, "FA: NONZERO_HOMEADDR_REQD"),
            Map.entry(FA_MISSING_NAI, "FA: MISSING_NAI"),
            Map.entry(FA_MISSING_HOME_AGENT, "FA: MISSING_HOME_AGENT"),
            Map.entry(FA_MISSING_HOMEADDR, "FA: MISSING_HOMEADDR"),
            Map.entry(FA_UNSUPPORTED_CVSE_FROM_MOBILE_NODE, "FA: unsupported CVSE from the mobile node"),
            Map.entry(FA_UNSUPPORTED_CVSE_FROM_HOME_AGENT, "FA: unsupported CVSE from the home agent"),
            Map.entry(FA_UNKNOWN_CHALLENGE, "FA: unknown_challenge"),
            Map.entry(FA_MISSING_CHALLENGE, "FA: missing_challenge"),
            Map.entry(FA_STALE_CHALLENGE, "FA: stale_challenge"),
            Map.entry(FA_MISSING_MN_FA_KEY, "FA: MISSING_MN_FA"),
            Map.entry(FA_BAD_AAA_AUTHENTICATION, "FA: fa_bad_aaa_auth"),
            Map.entry(FA_HOME_AGENT_WRONG_CHALLENGE, "FA: ha_wrong_challenge"),
            Map.entry(HA_REASON_UNSPECIFIED, "HA: reason unspecified"),
            Map.entry(HA_ADMINISTRATIVELY_PROHIBITED, "HA: administratively prohibited"),
            Map.entry(HA_INSUFFICIENT_RESOURCES, "HA: insufficient resources"),
            Map.entry(HA_MOBILE_NODE_FAILED_AUTHENTICATION, "HA: mobile node failed authentication"),
            Map.entry(HA_FOREIGN_AGENT_FAILED_AUTHENTICATION, "HA: foreign agent failed authentication"),
            Map.entry(HA_IDENTIFICATION_MISMATCH, "HA: registration Identification mismatch"),
            Map.entry(HA_POORLY_FORMED_REQUEST, "HA: poorly formed Request"),
            Map.entry(HA_TOO_MANY_BINDINGS, "HA: too many simultaneous mobility bindings"),
            Map.entry(HA_UNKNOWN_HOME_AGENT_ADDRESS, "HA: unknown home agent address"),
            Map.entry(HA_UNSUPPORTED_CVSE_FROM_MOBILE_NODE, "HA: unsupported CVSE from the mobile node"),
            Map.entry(HA_UNSUPPORTED_CVSE_FROM_FOREIGN_AGENT, "HA: unsupported CVSE from the foreign agent"),
            Map.entry(HA_BAD_AAA_AUTHENTICATION, "HA: ha_bad_aaa_auth"));

    private ReplyCode() {
    }

    /** RFC 5944 §6.4: codes 0-8 mean success. */
    public static boolean isSuccess(int code) {
        return code >= 0 && code <= 8;
    }

    /** RFC 5944 §6.4: codes 64-127 are denials by the foreign agent (194, RFC 5944 §3.7.2, too). */
    public static boolean isForeignAgentDenial(int code) {
        return (code >= 64 && code <= 127) || code == FA_INVALID_HOME_AGENT_ADDRESS;
    }

    /** RFC 5944 §6.4: codes 128-192 are denials by the home agent. */
    public static boolean isHomeAgentDenial(int code) {
        return code >= 128 && code <= 192;
    }

    /** A short description of {@code code}, or "code N" for one this class does not name. */
    public static String describe(int code) {
        return NAMES.getOrDefault(code, "code " + code);
    }
}
