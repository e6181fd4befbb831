package org.mipaaa.dictionary;

/**
 * Codes of the standard (Vendor-Id 0) AVPs of the bundled dictionary: RFC 6733, RFC 4004 (with
 * RFC 7155 / RFC 5778 where RFC 4004 leans on them) and RFC 4006. Each name is the dictionary name
 * upper-cased with '-' as '_'; {@code ConstantsMatchDictionaryTest} keeps them equal to
 * jdiameter-dictionary.xml, so a constant never drifts from the file jDiameter reads.
 */
public final class AvpCodes {

    /** User-Name, UTF8String (RFC 6733 8.14). */
    public static final int USER_NAME = 1;

    /** Class, OctetString (RFC 6733 8.20). */
    public static final int CLASS = 25;

    /** Session-Timeout, Unsigned32 (RFC 6733 8.13). */
    public static final int SESSION_TIMEOUT = 27;

    /** Proxy-State, OctetString (RFC 6733 6.7.4). */
    public static final int PROXY_STATE = 33;

    /** Acct-Session-Id, OctetString (RFC 6733 9.8.4). */
    public static final int ACCT_SESSION_ID = 44;

    /** Acct-Session-Time, Unsigned32 (RFC 4004 10.3, which misnames it Acct-Time; RFC 7155 4.6.5). */
    public static final int ACCT_SESSION_TIME = 46;

    /** Acct-Multi-Session-Id, UTF8String (RFC 6733 9.8.5). */
    public static final int ACCT_MULTI_SESSION_ID = 50;

    /** Event-Timestamp, Time (RFC 6733 8.21). */
    public static final int EVENT_TIMESTAMP = 55;

    /** Acct-Interim-Interval, Unsigned32 (RFC 6733 9.8.2). */
    public static final int ACCT_INTERIM_INTERVAL = 85;

    /** Host-IP-Address, Address (RFC 6733 5.3.5). */
    public static final int HOST_IP_ADDRESS = 257;

    /** Auth-Application-Id, Unsigned32 (RFC 6733 6.8). */
    public static final int AUTH_APPLICATION_ID = 258;

    /** Acct-Application-Id, Unsigned32 (RFC 6733 6.9). */
    public static final int ACCT_APPLICATION_ID = 259;

    /** Vendor-Specific-Application-Id, Grouped (RFC 6733 6.11). */
    public static final int VENDOR_SPECIFIC_APPLICATION_ID = 260;

    /** Redirect-Host-Usage, Enumerated (RFC 6733 6.13). */
    public static final int REDIRECT_HOST_USAGE = 261;

    /** Redirect-Max-Cache-Time, Unsigned32 (RFC 6733 6.14). */
    public static final int REDIRECT_MAX_CACHE_TIME = 262;

    /** Session-Id, UTF8String (RFC 6733 8.8). */
    public static final int SESSION_ID = 263;

    /** Origin-Host, DiameterIdentity (RFC 6733 6.3). */
    public static final int ORIGIN_HOST = 264;

    /** Supported-Vendor-Id, Unsigned32 (RFC 6733 5.3.6). */
    public static final int SUPPORTED_VENDOR_ID = 265;

    /** Vendor-Id, Unsigned32 (RFC 6733 5.3.3). */
    public static final int VENDOR_ID = 266;

    /** Firmware-Revision, Unsigned32 (RFC 6733 5.3.4). */
    public static final int FIRMWARE_REVISION = 267;

    /** Result-Code, Unsigned32 (RFC 6733 7.1). */
    public static final int RESULT_CODE = 268;

    /** Product-Name, UTF8String (RFC 6733 5.3.7). */
    public static final int PRODUCT_NAME = 269;

    /** Session-Binding, Unsigned32 (RFC 6733 8.17). */
    public static final int SESSION_BINDING = 270;

    /** Session-Server-Failover, Enumerated (RFC 6733 8.18). */
    public static final int SESSION_SERVER_FAILOVER = 271;

    /** Multi-Round-Time-Out, Unsigned32 (RFC 6733 8.19). */
    public static final int MULTI_ROUND_TIME_OUT = 272;

    /** Disconnect-Cause, Enumerated (RFC 6733 5.4.3). */
    public static final int DISCONNECT_CAUSE = 273;

    /** Auth-Request-Type, Enumerated (RFC 6733 8.7). */
    public static final int AUTH_REQUEST_TYPE = 274;

    /** Auth-Grace-Period, Unsigned32 (RFC 6733 8.10). */
    public static final int AUTH_GRACE_PERIOD = 276;

    /** Auth-Session-State, Enumerated (RFC 6733 8.11). */
    public static final int AUTH_SESSION_STATE = 277;

    /** Origin-State-Id, Unsigned32 (RFC 6733 8.16). */
    public static final int ORIGIN_STATE_ID = 278;

    /** Failed-AVP, Grouped (RFC 6733 7.5). */
    public static final int FAILED_AVP = 279;

    /** Proxy-Host, DiameterIdentity (RFC 6733 6.7.3). */
    public static final int PROXY_HOST = 280;

    /** Error-Message, UTF8String (RFC 6733 7.3). */
    public static final int ERROR_MESSAGE = 281;

    /** Route-Record, DiameterIdentity (RFC 6733 6.7.1). */
    public static final int ROUTE_RECORD = 282;

    /** Destination-Realm, DiameterIdentity (RFC 6733 6.6). */
    public static final int DESTINATION_REALM = 283;

    /** Proxy-Info, Grouped (RFC 6733 6.7.2). */
    public static final int PROXY_INFO = 284;

    /** Re-Auth-Request-Type, Enumerated (RFC 6733 8.12). */
    public static final int RE_AUTH_REQUEST_TYPE = 285;

    /** Accounting-Sub-Session-Id, Unsigned64 (RFC 6733 9.8.6). */
    public static final int ACCOUNTING_SUB_SESSION_ID = 287;

    /** Authorization-Lifetime, Unsigned32 (RFC 6733 8.9). */
    public static final int AUTHORIZATION_LIFETIME = 291;

    /** Redirect-Host, DiameterURI (RFC 6733 6.12). */
    public static final int REDIRECT_HOST = 292;

    /** Destination-Host, DiameterIdentity (RFC 6733 6.5). */
    public static final int DESTINATION_HOST = 293;

    /** Error-Reporting-Host, DiameterIdentity (RFC 6733 7.4). */
    public static final int ERROR_REPORTING_HOST = 294;

    /** Termination-Cause, Enumerated (RFC 6733 8.15 (values: IANA registry, first assigned by RFC 3588)). */
    public static final int TERMINATION_CAUSE = 295;

    /** Origin-Realm, DiameterIdentity (RFC 6733 6.4). */
    public static final int ORIGIN_REALM = 296;

    /** Experimental-Result, Grouped (RFC 6733 7.6). */
    public static final int EXPERIMENTAL_RESULT = 297;

    /** Experimental-Result-Code, Unsigned32 (RFC 6733 7.7). */
    public static final int EXPERIMENTAL_RESULT_CODE = 298;

    /** Inband-Security-Id, Unsigned32 (RFC 6733 6.10). */
    public static final int INBAND_SECURITY_ID = 299;

    /** MIP-FA-to-HA-SPI, Unsigned32 (RFC 4004 9.11). */
    public static final int MIP_FA_TO_HA_SPI = 318;

    /** MIP-FA-to-MN-SPI, Unsigned32 (RFC 4004 9.10). */
    public static final int MIP_FA_TO_MN_SPI = 319;

    /** MIP-Reg-Request, OctetString (RFC 4004 7.1). */
    public static final int MIP_REG_REQUEST = 320;

    /** MIP-Reg-Reply, OctetString (RFC 4004 7.2). */
    public static final int MIP_REG_REPLY = 321;

    /** MIP-MN-AAA-Auth, Grouped (RFC 4004 7.6). */
    public static final int MIP_MN_AAA_AUTH = 322;

    /** MIP-HA-to-FA-SPI, Unsigned32 (RFC 4004 9.14). */
    public static final int MIP_HA_TO_FA_SPI = 323;

    /** MIP-MN-to-FA-MSA, Grouped (RFC 4004 9.5). */
    public static final int MIP_MN_TO_FA_MSA = 325;

    /** MIP-FA-to-MN-MSA, Grouped (RFC 4004 9.1). */
    public static final int MIP_FA_TO_MN_MSA = 326;

    /** MIP-FA-to-HA-MSA, Grouped (RFC 4004 9.2). */
    public static final int MIP_FA_TO_HA_MSA = 328;

    /** MIP-HA-to-FA-MSA, Grouped (RFC 4004 9.3). */
    public static final int MIP_HA_TO_FA_MSA = 329;

    /** MIP-MN-to-HA-MSA, Grouped (RFC 4004 9.6). */
    public static final int MIP_MN_TO_HA_MSA = 331;

    /** MIP-HA-to-MN-MSA, Grouped (RFC 4004 9.4). */
    public static final int MIP_HA_TO_MN_MSA = 332;

    /** MIP-Mobile-Node-Address, Address (RFC 4004 7.3). */
    public static final int MIP_MOBILE_NODE_ADDRESS = 333;

    /** MIP-Home-Agent-Address, Address (RFC 4004 7.4). */
    public static final int MIP_HOME_AGENT_ADDRESS = 334;

    /** MIP-Nonce, OctetString (RFC 4004 9.12). */
    public static final int MIP_NONCE = 335;

    /** MIP-Candidate-Home-Agent-Host, DiameterIdentity (RFC 4004 7.9). */
    public static final int MIP_CANDIDATE_HOME_AGENT_HOST = 336;

    /** MIP-Feature-Vector, Unsigned32 (RFC 4004 7.5). */
    public static final int MIP_FEATURE_VECTOR = 337;

    /** MIP-Auth-Input-Data-Length, Unsigned32 (RFC 4004 7.6.2). */
    public static final int MIP_AUTH_INPUT_DATA_LENGTH = 338;

    /** MIP-Authenticator-Length, Unsigned32 (RFC 4004 7.6.3). */
    public static final int MIP_AUTHENTICATOR_LENGTH = 339;

    /** MIP-Authenticator-Offset, Unsigned32 (RFC 4004 7.6.4). */
    public static final int MIP_AUTHENTICATOR_OFFSET = 340;

    /** MIP-MN-AAA-SPI, Unsigned32 (RFC 4004 7.6.1). */
    public static final int MIP_MN_AAA_SPI = 341;

    /** MIP-Filter-Rule, IPFilterRule (RFC 4004 7.8). */
    public static final int MIP_FILTER_RULE = 342;

    /** MIP-Session-Key, OctetString (RFC 4004 9.7). */
    public static final int MIP_SESSION_KEY = 343;

    /** MIP-FA-Challenge, OctetString (RFC 4004 7.7). */
    public static final int MIP_FA_CHALLENGE = 344;

    /** MIP-Algorithm-Type, Enumerated (RFC 4004 9.8). */
    public static final int MIP_ALGORITHM_TYPE = 345;

    /** MIP-Replay-Mode, Enumerated (RFC 4004 9.9). */
    public static final int MIP_REPLAY_MODE = 346;

    /** MIP-Originating-Foreign-AAA, Grouped (RFC 4004 7.10). */
    public static final int MIP_ORIGINATING_FOREIGN_AAA = 347;

    /** MIP-Home-Agent-Host, Grouped (RFC 4004 7.11). */
    public static final int MIP_HOME_AGENT_HOST = 348;

    /** Accounting-Input-Octets, Unsigned64 (RFC 4004 10.1, RFC 7155 4.6.1). */
    public static final int ACCOUNTING_INPUT_OCTETS = 363;

    /** Accounting-Output-Octets, Unsigned64 (RFC 4004 10.2, RFC 7155 4.6.2). */
    public static final int ACCOUNTING_OUTPUT_OCTETS = 364;

    /** Accounting-Input-Packets, Unsigned64 (RFC 4004 10.4, RFC 7155 4.6.3). */
    public static final int ACCOUNTING_INPUT_PACKETS = 365;

    /** Accounting-Output-Packets, Unsigned64 (RFC 4004 10.5, RFC 7155 4.6.4). */
    public static final int ACCOUNTING_OUTPUT_PACKETS = 366;

    /** MIP-MSA-Lifetime, Unsigned32 (RFC 4004 9.13). */
    public static final int MIP_MSA_LIFETIME = 367;

    /** CC-Money, Grouped (RFC 4006 8.22). */
    public static final int CC_MONEY = 413;

    /** Cost-Information, Grouped (RFC 4006 8.7). */
    public static final int COST_INFORMATION = 423;

    /** Cost-Unit, UTF8String (RFC 4006 8.12). */
    public static final int COST_UNIT = 424;

    /** Currency-Code, Unsigned32 (RFC 4006 8.11). */
    public static final int CURRENCY_CODE = 425;

    /** Exponent, Integer32 (RFC 4006 8.9). */
    public static final int EXPONENT = 429;

    /** Requested-Action, Enumerated (RFC 4006 8.41). */
    public static final int REQUESTED_ACTION = 436;

    /** Unit-Value, Grouped (RFC 4006 8.8). */
    public static final int UNIT_VALUE = 445;

    /** Value-Digits, Integer64 (RFC 4006 8.10). */
    public static final int VALUE_DIGITS = 447;

    /** Accounting-Record-Type, Enumerated (RFC 6733 9.8.1). */
    public static final int ACCOUNTING_RECORD_TYPE = 480;

    /** Accounting-Realtime-Required, Enumerated (RFC 6733 9.8.7). */
    public static final int ACCOUNTING_REALTIME_REQUIRED = 483;

    /** Accounting-Record-Number, Unsigned32 (RFC 6733 9.8.3). */
    public static final int ACCOUNTING_RECORD_NUMBER = 485;

    /** MIP-MN-HA-SPI, Unsigned32 (RFC 5778; RFC 4004 9.6 names it without defining it). */
    public static final int MIP_MN_HA_SPI = 491;

    private AvpCodes() {
    }
}
