package org.mipaaa.demo;

import java.util.List;

import org.jdiameter.api.AvpSet;
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
                        r -> {
                            userName(r, "mn1@home.example");
                            r.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
                        }),
                new Probe(Role.TERMINAL, Role.AAAY, "Purchase-Information-Request with an unknown vendor AVP carrying the M bit",
                        CommandCodes.PURCHASE_INFORMATION, services, v, ResultCodes.AVP_UNSUPPORTED,
                        r -> {
                            userName(r, "mn1@home.example");
                            r.getAvps().addAvp(VendorAvpCodes.ORDER_REFERENCE, "order-1", v, true, false, false);
                            r.getAvps().addAvp(UNDEFINED_VENDOR_AVP, new byte[] {1, 2, 3, 4}, v, true, false);
                        }),
                new Probe(Role.FA, Role.AAAF, "Home-Agent-MIP-Request to the AAAF, which never serves HAR",
                        CommandCodes.HOME_AGENT_MIP, ApplicationIds.MOBILE_IPV4, 0, ResultCodes.COMMAND_UNSUPPORTED,
                        RefusalProbes::minimalHar));
    }

    private static void userName(org.jdiameter.api.Request r, String nai) {
        r.getAvps().addAvp(AvpCodes.USER_NAME, nai, true, false, false);
    }

    private static void userConfirmation(org.jdiameter.api.Request r, long vendorId) {
        AvpSet avps = r.getAvps();
        avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        userName(r, "mn1@home.example");
        avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, "settlement-1", vendorId, true, false, false);
        AvpSet purchase = avps.addGroupedAvp(VendorAvpCodes.PURCHASE_INFO, vendorId, true, false);
        purchase.addAvp(VendorAvpCodes.PAYEE_ID, "shop.example", vendorId, true, false, false);
        purchase.addAvp(VendorAvpCodes.ORDER_REFERENCE, "order-1", vendorId, true, false, false);
        AvpSet money = purchase.addGroupedAvp(AvpCodes.CC_MONEY, true, false);
        AvpSet unit = money.addGroupedAvp(AvpCodes.UNIT_VALUE, true, false);
        unit.addAvp(AvpCodes.VALUE_DIGITS, 1250L, true, false);
        unit.addAvp(AvpCodes.EXPONENT, -2, true, false);
        money.addAvp(AvpCodes.CURRENCY_CODE, 978L, true, false, true);
        avps.addAvp(VendorAvpCodes.SETTLEMENT_MODE, Enumerations.SETTLEMENT_MODE_HOME_ONLY, vendorId, true, false);
    }

    private static void chargeQuery(org.jdiameter.api.Request r, long vendorId) {
        r.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        userName(r, "mn1@home.example");
        r.getAvps().addAvp(VendorAvpCodes.BILLING_PERIOD, "2026-11", vendorId, true, false, false);
    }

    private static void minimalHar(org.jdiameter.api.Request r) {
        AvpSet avps = r.getAvps();
        userName(r, "mn1@home.example");
        avps.addAvp(AvpCodes.AUTHORIZATION_LIFETIME, 300L, true, false, true);
        avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        avps.addAvp(AvpCodes.MIP_FEATURE_VECTOR, 0L, true, false, true);
        // the 24-octet fixed part of an RFC 5944 §3.3 Registration Request (Type 1, Lifetime 0): the AAAF
        // must refuse the command before it would ever look inside
        byte[] registration = new byte[24];
        registration[0] = 1;
        avps.addAvp(AvpCodes.MIP_REG_REQUEST, registration, true, false);
    }
}
