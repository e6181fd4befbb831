package org.mipaaa.demo;

import java.util.List;

import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.role.Role;

/**
 * The requests the demo sends to show that every role refuses, with the right answer, what it does
 * not serve: an application it does not serve (3007, answered by jDiameter from the applications the
 * node registered), a command of a served application it does not serve (3001), a request missing a
 * required AVP (5005 + Failed-AVP) and one with an unknown AVP with the M bit (5001 + Failed-AVP).
 */
public final class RefusalProbes {

    /** A vendor AVP code that no dictionary of ours defines. */
    static final int UNDEFINED_VENDOR_AVP = 4095;

    private RefusalProbes() {
    }

    public static List<Probe> all(VendorSettings vendor) {
        long services = vendor.accountingServicesApplicationId();
        long v = vendor.vendorId();
        return List.of(
                new Probe(Role.AAAH, Role.HA, "Purchase-Information-Request to the home agent, which serves only Mobile IPv4",
                        CommandCodes.PURCHASE_INFORMATION, services, v, ResultCodes.APPLICATION_UNSUPPORTED,
                        r -> userName(r, "mn1@home.example")),
                new Probe(Role.AAAF, Role.FA, "Purchase-Information-Request to the foreign agent",
                        CommandCodes.PURCHASE_INFORMATION, services, v, ResultCodes.APPLICATION_UNSUPPORTED,
                        r -> userName(r, "mn1@home.example")),
                new Probe(Role.AAAH, Role.AAAY, "User-Confirmation-Request to the shop's AAA server (only mobile nodes confirm)",
                        CommandCodes.USER_CONFIRMATION, services, v, ResultCodes.COMMAND_UNSUPPORTED,
                        r -> userConfirmation(r, v)),
                new Probe(Role.AAAY, Role.TERMINAL, "Charge-Query-Request to the shop terminal (only the AAAH keeps charges)",
                        CommandCodes.CHARGE_QUERY, services, v, ResultCodes.COMMAND_UNSUPPORTED,
                        r -> chargeQuery(r, v)),
                new Probe(Role.AAAF, Role.AAAH, "AA-Mobile-Node-Request without MIP-Reg-Request, MIP-MN-AAA-Auth, MIP-Feature-Vector",
                        CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4, 0, ResultCodes.MISSING_AVP,
                        r -> userName(r, "mn1@home.example").add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED)),
                new Probe(Role.TERMINAL, Role.AAAY, "Purchase-Information-Request from the shop terminal (only AAAHs may ask the AAAY)",
                        CommandCodes.PURCHASE_INFORMATION, services, v, ResultCodes.AUTHORIZATION_REJECTED,
                        r -> userName(r, "mn1@home.example").add(VendorAvpCodes.ORDER_REFERENCE, v, "order-1")),
                new Probe(Role.AAAH, Role.AAAY, "Purchase-Information-Request with an unknown vendor AVP carrying the M bit",
                        CommandCodes.PURCHASE_INFORMATION, services, v, ResultCodes.AVP_UNSUPPORTED,
                        r -> userName(r, "mn1@home.example").add(VendorAvpCodes.ORDER_REFERENCE, v, "order-1")
                                // what no dictionary of ours defines, with the M bit: the receiver must answer 5001
                                .unchecked(UNDEFINED_VENDOR_AVP, v, true, new byte[] {1, 2, 3, 4})),
                new Probe(Role.FA, Role.AAAF, "Home-Agent-MIP-Request to the AAAF, which never serves HAR",
                        CommandCodes.HOME_AGENT_MIP, ApplicationIds.MOBILE_IPV4, 0, ResultCodes.COMMAND_UNSUPPORTED,
                        RefusalProbes::minimalHar));
    }

    private static AvpWriter userName(AvpWriter r, String nai) {
        return r.add(AvpCodes.USER_NAME, nai);
    }

    private static void userConfirmation(AvpWriter r, long vendorId) {
        r.add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED);
        userName(r, "mn1@home.example").add(VendorAvpCodes.SETTLEMENT_ID, vendorId, "settlement-1");
        AvpWriter purchase = r.group(VendorAvpCodes.PURCHASE_INFO, vendorId)
                .add(VendorAvpCodes.PAYEE_ID, vendorId, "shop.example")
                .add(VendorAvpCodes.ORDER_REFERENCE, vendorId, "order-1");
        AvpWriter money = purchase.group(AvpCodes.CC_MONEY);
        money.group(AvpCodes.UNIT_VALUE).add(AvpCodes.VALUE_DIGITS, 1250L).add(AvpCodes.EXPONENT, -2);
        money.add(AvpCodes.CURRENCY_CODE, 978L);
        r.add(VendorAvpCodes.SETTLEMENT_MODE, vendorId, Enumerations.SETTLEMENT_MODE_HOME_ONLY);
    }

    private static void chargeQuery(AvpWriter r, long vendorId) {
        r.add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED);
        userName(r, "mn1@home.example").add(VendorAvpCodes.BILLING_PERIOD, vendorId, "2026-11");
    }

    private static void minimalHar(AvpWriter r) {
        userName(r, "mn1@home.example")
                .add(AvpCodes.AUTHORIZATION_LIFETIME, 300L)
                .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED)
                .add(AvpCodes.MIP_FEATURE_VECTOR, 0L);
        // the 24-octet fixed part of an RFC 5944 §3.3 Registration Request (Type 1, Lifetime 0): the AAAF
        // must refuse the command before it would ever look inside
        byte[] registration = new byte[24];
        registration[0] = 1;
        r.add(AvpCodes.MIP_REG_REQUEST, registration);
    }
}
