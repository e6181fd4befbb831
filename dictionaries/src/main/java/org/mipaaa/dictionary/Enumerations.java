package org.mipaaa.dictionary;

/**
 * Named values of the bundled dictionary: the values of Enumerated AVPs and the named bits or codes
 * of a few Unsigned32 AVPs (MIP-Feature-Vector flags, Inband-Security-Id, Session-Binding). Each
 * constant is {@code <AVP name>_<value name>} upper-cased with '-' as '_', so
 * {@code ConstantsMatchDictionaryTest} can check it against jdiameter-dictionary.xml. Result-Code
 * values are in {@link ResultCodes}.
 */
public final class Enumerations {

    // Redirect-Host-Usage (261) values, RFC 6733 6.13
    public static final int REDIRECT_HOST_USAGE_DONT_CACHE = 0;
    public static final int REDIRECT_HOST_USAGE_ALL_SESSION = 1;
    public static final int REDIRECT_HOST_USAGE_ALL_REALM = 2;
    public static final int REDIRECT_HOST_USAGE_REALM_AND_APPLICATION = 3;
    public static final int REDIRECT_HOST_USAGE_ALL_APPLICATION = 4;
    public static final int REDIRECT_HOST_USAGE_ALL_HOST = 5;
    public static final int REDIRECT_HOST_USAGE_ALL_USER = 6;

    // Session-Binding (270) flag bits, RFC 6733 8.17
    public static final int SESSION_BINDING_RE_AUTH = 1;
    public static final int SESSION_BINDING_STR = 2;
    public static final int SESSION_BINDING_ACCOUNTING = 4;

    // Session-Server-Failover (271) values, RFC 6733 8.18
    public static final int SESSION_SERVER_FAILOVER_REFUSE_SERVICE = 0;
    public static final int SESSION_SERVER_FAILOVER_TRY_AGAIN = 1;
    public static final int SESSION_SERVER_FAILOVER_ALLOW_SERVICE = 2;
    public static final int SESSION_SERVER_FAILOVER_TRY_AGAIN_ALLOW_SERVICE = 3;

    // Disconnect-Cause (273) values, RFC 6733 5.4.3
    public static final int DISCONNECT_CAUSE_REBOOTING = 0;
    public static final int DISCONNECT_CAUSE_BUSY = 1;
    public static final int DISCONNECT_CAUSE_DO_NOT_WANT_TO_TALK_TO_YOU = 2;

    // Auth-Request-Type (274) values, RFC 6733 8.7
    public static final int AUTH_REQUEST_TYPE_AUTHENTICATE_ONLY = 1;
    public static final int AUTH_REQUEST_TYPE_AUTHORIZE_ONLY = 2;
    public static final int AUTH_REQUEST_TYPE_AUTHORIZE_AUTHENTICATE = 3;

    // Auth-Session-State (277) values, RFC 6733 8.11
    public static final int AUTH_SESSION_STATE_STATE_MAINTAINED = 0;
    public static final int AUTH_SESSION_STATE_NO_STATE_MAINTAINED = 1;

    // Re-Auth-Request-Type (285) values, RFC 6733 8.12
    public static final int RE_AUTH_REQUEST_TYPE_AUTHORIZE_ONLY = 0;
    public static final int RE_AUTH_REQUEST_TYPE_AUTHORIZE_AUTHENTICATE = 1;

    // Termination-Cause (295) values, RFC 6733 8.15 (values: IANA registry, first assigned by RFC 3588)
    public static final int TERMINATION_CAUSE_DIAMETER_LOGOUT = 1;
    public static final int TERMINATION_CAUSE_DIAMETER_SERVICE_NOT_PROVIDED = 2;
    public static final int TERMINATION_CAUSE_DIAMETER_BAD_ANSWER = 3;
    public static final int TERMINATION_CAUSE_DIAMETER_ADMINISTRATIVE = 4;
    public static final int TERMINATION_CAUSE_DIAMETER_LINK_BROKEN = 5;
    public static final int TERMINATION_CAUSE_DIAMETER_AUTH_EXPIRED = 6;
    public static final int TERMINATION_CAUSE_DIAMETER_USER_MOVED = 7;
    public static final int TERMINATION_CAUSE_DIAMETER_SESSION_TIMEOUT = 8;

    // Inband-Security-Id (299) values, RFC 6733 6.10
    public static final int INBAND_SECURITY_ID_NO_INBAND_SECURITY = 0;
    public static final int INBAND_SECURITY_ID_TLS = 1;

    // MIP-Feature-Vector (337) flag bits, RFC 4004 7.5
    public static final int MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED = 1;
    public static final int MIP_FEATURE_VECTOR_HOME_ADDRESS_ALLOCATABLE_ONLY_IN_HOME_REALM = 2;
    public static final int MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED = 4;
    public static final int MIP_FEATURE_VECTOR_FOREIGN_HOME_AGENT_AVAILABLE = 8;
    public static final int MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST = 16;
    public static final int MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST = 32;
    public static final int MIP_FEATURE_VECTOR_FA_HA_KEY_REQUEST = 64;
    public static final int MIP_FEATURE_VECTOR_HOME_AGENT_IN_FOREIGN_NETWORK = 128;
    public static final int MIP_FEATURE_VECTOR_CO_LOCATED_MOBILE_NODE = 256;

    // MIP-Algorithm-Type (345) values, RFC 4004 9.8
    public static final int MIP_ALGORITHM_TYPE_HMAC_SHA_1 = 2;

    // MIP-Replay-Mode (346) values, RFC 4004 9.9
    public static final int MIP_REPLAY_MODE_NONE = 1;
    public static final int MIP_REPLAY_MODE_TIMESTAMPS = 2;
    public static final int MIP_REPLAY_MODE_NONCES = 3;

    // Requested-Action (436) values, RFC 4006 8.41
    public static final int REQUESTED_ACTION_DIRECT_DEBITING = 0;
    public static final int REQUESTED_ACTION_REFUND_ACCOUNT = 1;
    public static final int REQUESTED_ACTION_CHECK_BALANCE = 2;
    public static final int REQUESTED_ACTION_PRICE_ENQUIRY = 3;

    // Accounting-Record-Type (480) values, RFC 6733 9.8.1
    public static final int ACCOUNTING_RECORD_TYPE_EVENT_RECORD = 1;
    public static final int ACCOUNTING_RECORD_TYPE_START_RECORD = 2;
    public static final int ACCOUNTING_RECORD_TYPE_INTERIM_RECORD = 3;
    public static final int ACCOUNTING_RECORD_TYPE_STOP_RECORD = 4;

    // Accounting-Realtime-Required (483) values, RFC 6733 9.8.7
    public static final int ACCOUNTING_REALTIME_REQUIRED_DELIVER_AND_GRANT = 1;
    public static final int ACCOUNTING_REALTIME_REQUIRED_GRANT_AND_STORE = 2;
    public static final int ACCOUNTING_REALTIME_REQUIRED_GRANT_AND_LOSE = 3;

    // Settlement-Mode (5, vendor) values, docs/PROTOCOL.md
    public static final int SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT = 1;
    public static final int SETTLEMENT_MODE_HOME_ONLY = 2;

    // Confirmation-Result (7, vendor) values, docs/PROTOCOL.md
    public static final int CONFIRMATION_RESULT_CONFIRMED = 0;
    public static final int CONFIRMATION_RESULT_CANCELLED_BY_USER = 1;

    // Entry-Kind (8, vendor) values, docs/PROTOCOL.md
    public static final int ENTRY_KIND_COMMUNICATION_FEE = 1;
    public static final int ENTRY_KIND_TRANSFERRED_CHARGE = 2;

    // Entry-State (9, vendor) values, docs/PROTOCOL.md
    public static final int ENTRY_STATE_VALID = 1;
    public static final int ENTRY_STATE_INVALIDATED = 2;

    private Enumerations() {
    }
}
