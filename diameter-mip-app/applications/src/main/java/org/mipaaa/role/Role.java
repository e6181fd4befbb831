package org.mipaaa.role;

import java.util.List;
import java.util.Locale;

import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The roles of the seed's topology (Figs. 1, 10, 13). A node plays one role, or several when one
 * server does the work of two (the seed's "the AAAY server may be the same server as the AAAH"); it
 * serves exactly the applications of its roles, which are also the ones it advertises in CER/CEA.
 */
public enum Role {
    /** Foreign agent (RFC 5944 / RFC 4004 §1.1): sends AMR, and ACR of the visits it meters, to its AAAF. */
    FA("Foreign agent", Served.MOBILE_IPV4_AUTH, Served.MOBILE_IPV4_ACCT),
    /** AAA server of the visited network: proxies AMR / STR / ACR / MN service requests to the AAAH. */
    AAAF("AAA server of the visited network", Served.MOBILE_IPV4_AUTH, Served.SESSION_COMMANDS, Served.MOBILE_IPV4_ACCT,
            Served.ACCOUNTING_SERVICES),
    /** AAA server of the mobile node's home network: keeps the account database. */
    AAAH("AAA server of the home network", Served.MOBILE_IPV4_AUTH, Served.SESSION_COMMANDS, Served.MOBILE_IPV4_ACCT, Served.ACCOUNTING_SERVICES),
    /** Home agent: answers HAR (and ASR) from the AAAH. */
    HA("Home agent", Served.MOBILE_IPV4_AUTH, Served.SESSION_COMMANDS),
    /** AAA server of the other party (shop, credit company, sponsor). */
    AAAY("AAA server of the other party", Served.ACCOUNTING_SERVICES),
    /** The shop's terminal, reached through its AAAY. */
    TERMINAL("Shop terminal", Served.ACCOUNTING_SERVICES);

    private final String description;
    private final List<Served> served;

    Role(String description, Served... served) {
        this.description = description;
        this.served = List.of(served);
    }

    public String description() {
        return description;
    }

    /** The applications this role serves, with the carrier's vendor settings applied. */
    public List<ServedApplication> applications(VendorSettings vendor) {
        return served.stream().map(s -> s.resolve(vendor)).toList();
    }

    /**
     * The role whose requests this role serves in the seed's chains (FA -> AAAF -> AAAH -> HA; AAAH ->
     * AAAY -> terminal), or null for the FA, which only sends. A node playing several roles gives a
     * request to the one that serves its sender's role ({@link RoleRouter}).
     */
    public Role servesRequestsOf() {
        return switch (this) {
            case FA -> null;
            case AAAF -> FA;
            case AAAH -> AAAF;
            case HA, AAAY -> AAAH;
            case TERMINAL -> AAAY;
        };
    }

    /** Parses a role name as typed on the command line ("aaah", "AAAH", "terminal"). */
    public static Role parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** Parses the roles of one node, as {@code role=} of node.properties gives them ("AAAH,AAAY"). */
    public static List<Role> parseList(String names) {
        return java.util.Arrays.stream(names.split(",")).map(Role::parse).toList();
    }

    /** The application kinds a role can serve; resolved to ids once the vendor settings are known. */
    private enum Served {
        MOBILE_IPV4_AUTH, MOBILE_IPV4_ACCT, ACCOUNTING_SERVICES,
        /** STR/STA and ASR/ASA of Mobile IPv4 sessions: Application-Id 0 (RFC 4004 §4), served but never advertised in CER/CEA. */
        SESSION_COMMANDS;

        ServedApplication resolve(VendorSettings vendor) {
            return switch (this) {
                case MOBILE_IPV4_AUTH -> ServedApplication.auth(0, ApplicationIds.MOBILE_IPV4);
                case MOBILE_IPV4_ACCT -> ServedApplication.acct(0, ApplicationIds.MOBILE_IPV4);
                case ACCOUNTING_SERVICES -> ServedApplication.auth(vendor.vendorId(), vendor.accountingServicesApplicationId());
                case SESSION_COMMANDS -> ServedApplication.auth(0, ApplicationIds.COMMON_MESSAGES);
            };
        }
    }
}
