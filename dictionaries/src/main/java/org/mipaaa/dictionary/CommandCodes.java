package org.mipaaa.dictionary;

/**
 * DIAMETER Command-Codes of the bundled dictionary (one code names the request and its answer).
 * Names are the command names without "-Request"/"-Answer", upper-cased with '-' as '_';
 * {@code ConstantsMatchDictionaryTest} keeps them equal to jdiameter-dictionary.xml.
 */
public final class CommandCodes {

    /** CER/CEA (RFC 6733 5.3). */
    public static final int CAPABILITIES_EXCHANGE = 257;

    /** AMR/AMA (RFC 4004 5.1, 5.2). */
    public static final int AA_MOBILE_NODE = 260;

    /** HAR/HAA (RFC 4004 5.3, 5.4). */
    public static final int HOME_AGENT_MIP = 262;

    /** ACR/ACA (RFC 6733 9.7), Application-Id 3, or 2 for Mobile IPv4 sessions (RFC 4004 4). */
    public static final int ACCOUNTING = 271;

    /** ASR/ASA (RFC 6733 8.5). */
    public static final int ABORT_SESSION = 274;

    /** STR/STA (RFC 6733 8.4). */
    public static final int SESSION_TERMINATION = 275;

    /** DWR/DWA (RFC 6733 5.5). */
    public static final int DEVICE_WATCHDOG = 280;

    /** DPR/DPA (RFC 6733 5.4). */
    public static final int DISCONNECT_PEER = 282;

    // MIP-Accounting-Services, vendor-specific codes (RFC 6733 11.2.1: 0x800000-0xfffffd); docs/PROTOCOL.md

    /** PIR/PIA: accounting-information retrieval, seed steps S201-S206. 0x804D01. */
    public static final int PURCHASE_INFORMATION = 8408321;

    /** SER/SEA: payment request of the mobile node, S207/S211. */
    public static final int SETTLEMENT = 8408322;

    /** UCR/UCA: the AAAH asks the mobile node to confirm a settlement (OK / cancel). */
    public static final int USER_CONFIRMATION = 8408323;

    /** PNR/PNA: payment notification AAAH to AAAY (S208/S210) and AAAY to terminal (S209). */
    public static final int PAYMENT_NOTIFICATION = 8408324;

    /** SCR/SCA: cancellation of a settlement, mobile node to AAAH to AAAY to terminal. */
    public static final int SETTLEMENT_CANCEL = 8408325;

    /** CQR/CQA: the mobile node asks its AAAH for its own charges of a billing period. */
    public static final int CHARGE_QUERY = 8408326;

    /** SCMR/SCMA: an advertisement sponsor pays part or all of the next communication. */
    public static final int SPONSORED_COMMUNICATION = 8408327;

    /** CCMR/CCMA: a credit company settles the next communication for the mobile node. */
    public static final int CREDIT_COMMUNICATION = 8408328;

    private CommandCodes() {
    }
}
