package org.mipaaa.mobileip;

import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.AUTHENTICATION_NOT_LAST;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.EXTENSION_NOT_ALLOWED;
import static org.mipaaa.mobileip.MalformedRegistrationException.Problem.EXTENSION_OUT_OF_ORDER;

import java.util.List;

/**
 * The ordering rules on extensions that the RFCs state with MUST and that hold wherever a message
 * is received (package-private; run by {@link RegistrationCodec#decode(byte[])}). Rules that depend
 * on who shares which security association (exactly one Mobile-Foreign Authentication, ...) are
 * the agents' to check.
 */
final class PlacementRules {

    private PlacementRules() {
    }

    static void check(RegistrationMessage message, List<ExtensionField> fields) throws MalformedRegistrationException {
        int type = message.type();
        int last = fields.size() - 1;
        for (int i = 0; i < last; i++) {
            ExtensionField f = fields.get(i);
            // RFC 5944 §3.6.1.3 (e), §3.7.3.2: the mobile node / foreign agent appends the
            // Mobile-Foreign Authentication last; §3.7.2.2, §3.5.4 and RFC 4721 §3.2: the agent appends
            // the Foreign-Home Authentication after everything it protects.
            if (f.type() == ExtensionType.MOBILE_FOREIGN_AUTHENTICATION
                    || f.type() == ExtensionType.FOREIGN_HOME_AUTHENTICATION) {
                throw new MalformedRegistrationException(AUTHENTICATION_NOT_LAST, type, fields.get(i + 1).offset(),
                        (f.type() == ExtensionType.MOBILE_FOREIGN_AUTHENTICATION ? "Mobile-Foreign" : "Foreign-Home")
                                + " Authentication at offset " + f.offset()
                                + " must be the last extension (RFC 5944 §3.6.1.3, §3.7.2.2, §3.7.3.2)");
            }
        }
        if (type == RegistrationMessage.REQUEST_TYPE) {
            checkRequest(fields);
        } else {
            checkReply(fields);
        }
    }

    private static void checkRequest(List<ExtensionField> fields) throws MalformedRegistrationException {
        int type = RegistrationMessage.REQUEST_TYPE;
        int firstMobileHome = first(fields, ExtensionType.MOBILE_HOME_AUTHENTICATION);
        int firstMobileForeign = first(fields, ExtensionType.MOBILE_FOREIGN_AUTHENTICATION);
        int firstMnAaa = first(fields, ExtensionType.GENERALIZED_AUTHENTICATION);
        for (int i = 0; i < fields.size(); i++) {
            ExtensionField f = fields.get(i);
            switch (f.type()) {
                case ExtensionType.MN_FA_KEY_GENERATION_NONCE_REPLY:
                case ExtensionType.MN_HA_KEY_GENERATION_NONCE_REPLY:
                    throw new MalformedRegistrationException(EXTENSION_NOT_ALLOWED, type, f.offset(),
                                "a key generation nonce reply extension belongs in a Registration Reply (RFC 3957 §6.2, §6.4)");
                case ExtensionType.MOBILE_NODE_NAI:
                    // RFC 2794 §2: before both the Mobile-Home and Mobile-Foreign Authentication
                    if (before(firstMobileHome, i) || before(firstMobileForeign, i)) {
                        throw outOfOrder(type, f, "the Mobile Node NAI must precede the Mobile-Home and Mobile-Foreign"
                                + " Authentication extensions (RFC 2794 §2)");
                    }

                    break;
                case ExtensionType.MN_FA_CHALLENGE:
                    // RFC 4721 §3.1: the challenge precedes the MN-AAA and Mobile-Foreign Authentication
                    if (before(firstMnAaa, i) || before(firstMobileForeign, i)) {
                        throw outOfOrder(type, f, "the MN-FA Challenge must precede the MN-AAA and Mobile-Foreign"
                                + " Authentication extensions (RFC 4721 §3.1)");
                    }

                    break;
                case ExtensionType.MN_FA_KEY_GENERATION_NONCE_REQUEST:
                case ExtensionType.MN_HA_KEY_GENERATION_NONCE_REQUEST:
                    // RFC 3957 §6.1, §6.3: before the MN-AAA Authentication extension
                    if (before(firstMnAaa, i)) {
                        throw outOfOrder(type, f, "a key generation nonce request must precede the MN-AAA"
                                + " Authentication extension (RFC 3957 §6.1, §6.3)");
                    }

                    break;
                case ExtensionType.MOBILE_HOME_AUTHENTICATION:
                    // RFC 4721 §6: the Mobile-Home Authentication appears before the MN-AAA one
                    if (before(firstMnAaa, i)) {
                        throw outOfOrder(type, f, "the Mobile-Home Authentication must precede the MN-AAA"
                                + " Authentication extension (RFC 4721 §6)");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static void checkReply(List<ExtensionField> fields) throws MalformedRegistrationException {
        int type = RegistrationMessage.REPLY_TYPE;
        int firstMobileHome = first(fields, ExtensionType.MOBILE_HOME_AUTHENTICATION);
        int firstMobileForeign = first(fields, ExtensionType.MOBILE_FOREIGN_AUTHENTICATION);
        for (int i = 0; i < fields.size(); i++) {
            ExtensionField f = fields.get(i);
            switch (f.type()) {
                case ExtensionType.GENERALIZED_AUTHENTICATION:
                    throw new MalformedRegistrationException(
                        EXTENSION_NOT_ALLOWED, type, f.offset(),
                        "a Registration Reply MUST NOT include the MN-AAA Authentication extension (RFC 4721 §6)");
                case ExtensionType.MN_FA_KEY_GENERATION_NONCE_REQUEST:
                case ExtensionType.MN_HA_KEY_GENERATION_NONCE_REQUEST:
                    throw new MalformedRegistrationException(EXTENSION_NOT_ALLOWED, type, f.offset(),
                                "a key generation nonce request belongs in a Registration Request (RFC 3957 §6.1, §6.3)");
                case ExtensionType.MN_FA_KEY_GENERATION_NONCE_REPLY:
                    if (before(firstMobileForeign, i)) {
                        throw outOfOrder(type, f, "the MN-FA Key Generation Nonce Reply must precede the Mobile-Foreign"
                                + " Authentication extension (RFC 3957 §6.2)");
                    }

                    break;
                case ExtensionType.MN_HA_KEY_GENERATION_NONCE_REPLY:
                    if (before(firstMobileHome, i)) {
                        throw outOfOrder(type, f, "the MN-HA Key Generation Nonce Reply must precede the Mobile-Home"
                                + " Authentication extension (RFC 3957 §6.4)");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static MalformedRegistrationException outOfOrder(int type, ExtensionField f, String why) {
        return new MalformedRegistrationException(EXTENSION_OUT_OF_ORDER, type, f.offset(), why);
    }

    private static int first(List<ExtensionField> fields, int type) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }

    /** Whether index {@code a} exists and comes before {@code i}. */
    private static boolean before(int a, int i) {
        return a >= 0 && a < i;
    }
}
