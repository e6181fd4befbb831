package org.mipaaa.dictionary;

/**
 * Codes of the vendor AVPs of MIP-Accounting-Services (docs/PROTOCOL.md). They live in the AVP space
 * of the configured Vendor-Id ({@link VendorIds#MIP_AAA_DEFAULT} by default, see {@link VendorSettings}):
 * always pair the code with that vendor id. Each name is the dictionary name upper-cased with '-' as
 * '_'; {@code ConstantsMatchDictionaryTest} keeps them equal to jdiameter-dictionary.xml.
 */
public final class VendorAvpCodes {

    /** Payee-Id, UTF8String (docs/PROTOCOL.md). */
    public static final int PAYEE_ID = 1;

    /** Order-Reference, UTF8String (docs/PROTOCOL.md). */
    public static final int ORDER_REFERENCE = 2;

    /** Goods-Description, UTF8String (docs/PROTOCOL.md). */
    public static final int GOODS_DESCRIPTION = 3;

    /** Purchase-Info, Grouped (docs/PROTOCOL.md). */
    public static final int PURCHASE_INFO = 4;

    /** Settlement-Mode, Enumerated (docs/PROTOCOL.md). */
    public static final int SETTLEMENT_MODE = 5;

    /** Settlement-Id, UTF8String (docs/PROTOCOL.md). */
    public static final int SETTLEMENT_ID = 6;

    /** Confirmation-Result, Enumerated (docs/PROTOCOL.md). */
    public static final int CONFIRMATION_RESULT = 7;

    /** Entry-Kind, Enumerated (docs/PROTOCOL.md). */
    public static final int ENTRY_KIND = 8;

    /** Entry-State, Enumerated (docs/PROTOCOL.md). */
    public static final int ENTRY_STATE = 9;

    /** Charge-Entry, Grouped (docs/PROTOCOL.md). */
    public static final int CHARGE_ENTRY = 10;

    /** Billing-Period, UTF8String (docs/PROTOCOL.md). */
    public static final int BILLING_PERIOD = 11;

    /** AAAM-Authenticator, Grouped (docs/PROTOCOL.md). */
    public static final int AAAM_AUTHENTICATOR = 12;

    /** AAAM-SPI, Unsigned32 (docs/PROTOCOL.md). */
    public static final int AAAM_SPI = 13;

    /** AAAM-Replay-Counter, Unsigned64 (docs/PROTOCOL.md). */
    public static final int AAAM_REPLAY_COUNTER = 14;

    /** AAAM-Authenticator-Value, OctetString (docs/PROTOCOL.md). */
    public static final int AAAM_AUTHENTICATOR_VALUE = 15;

    /** Sponsor-Id, UTF8String (docs/PROTOCOL.md). */
    public static final int SPONSOR_ID = 16;

    /** Advertisement-Id, UTF8String (docs/PROTOCOL.md). */
    public static final int ADVERTISEMENT_ID = 17;

    /** Sponsored-Share, Unsigned32 (docs/PROTOCOL.md). */
    public static final int SPONSORED_SHARE = 18;

    /** Credit-Company-Id, UTF8String (docs/PROTOCOL.md). */
    public static final int CREDIT_COMPANY_ID = 19;

    /** Customer-Credential, OctetString (docs/PROTOCOL.md). */
    public static final int CUSTOMER_CREDENTIAL = 20;

    /** Terminal-Host, DiameterIdentity (docs/PROTOCOL.md). */
    public static final int TERMINAL_HOST = 21;

    private VendorAvpCodes() {
    }
}
