package org.mipaaa.node;

import java.time.Clock;
import java.util.List;

import org.mipaaa.accounting.AccountingServices;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.payee.PayeeServices;
import org.mipaaa.payer.PayerServices;
import org.mipaaa.presence.PresenceServices;
import org.mipaaa.registration.AsrHandler;
import org.mipaaa.registration.BindingExpiry;
import org.mipaaa.registration.ForeignAgent;
import org.mipaaa.registration.ForeignHomeKeys;
import org.mipaaa.registration.HarHandler;
import org.mipaaa.registration.HomeAgentRenewals;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.registration.PendingTerminations;
import org.mipaaa.registration.RegistrationHandlers;
import org.mipaaa.registration.SessionTermination;
import org.mipaaa.routing.RealmProxy;
import org.mipaaa.routing.VisitorEntries;
import org.mipaaa.services.MobileNodeServices;
import org.mipaaa.services.purchase.PurchaseInformation;
import org.mipaaa.services.commitment.CommunicationCommitments;
import org.mipaaa.services.settlement.Settlements;
import org.mipaaa.shop.ShopServices;

/**
 * What each role serves once its node is up: the handlers and agents that need the started node (its
 * state, its stack). The FA takes registrations over UDP (S101-S103); the AAAF proxies the mobile
 * nodes' requests to their home realm (S104, and the services relayed by the AAAF in Figs. 13-17);
 * the AAAH answers AMR (S104-S106); the HA answers HAR (S105), and keeps its mobile nodes' presence
 * when presence.file is set (seed Fig. 20).
 */
public final class RoleServices {

    /** The commands a mobile node's side sends towards its home through the AAAF. */
    private static final List<Integer> SERVICES_TOWARDS_HOME = List.of(CommandCodes.PURCHASE_INFORMATION,
            CommandCodes.SETTLEMENT, CommandCodes.SETTLEMENT_CANCEL, CommandCodes.CHARGE_QUERY,
            CommandCodes.SPONSORED_COMMUNICATION, CommandCodes.CREDIT_COMMUNICATION);

    private RoleServices() {
    }

    /** Registers the handlers of each of {@code node}'s roles on it (and starts the roles' other agents). */
    public static void install(DiameterNode node, ConfigSource config) throws java.io.IOException {
        for (Role role : node.roles()) {
            install(node, role, config);
        }
        install(node);
    }

    private static void install(DiameterNode node, Role role, ConfigSource config) throws java.io.IOException {
        if (role == Role.FA) {
            ForeignAgent fa = new ForeignAgent(node.client(),
                    new java.net.InetSocketAddress(config.get("fa.udp.address", "127.0.0.1"), Integer.parseInt(config.get("fa.udp.port", "434"))),
                    (java.net.Inet4Address) java.net.InetAddress.getByName(config.get("fa.care.of.address", "127.0.0.1")),
                    java.time.Duration.ofMillis(Long.parseLong(config.get("fa.challenge.validity.ms", "90000"))),
                    node.settings().requestTimeout(), Clock.systemUTC(), homeAgents(config.get("fa.home.agents", "")),
                    ForeignHomeKeys.parse(config.get("fa.home.agent.keys", "")));
            node.closeWith(fa);
            node.attach(ForeignAgent.class, fa);
            AccountingServices.installForeignAgent(node, config, fa);
        } else if (role == Role.AAAF) {
            AccountingServices.installVisitedAaa(node, config);
        } else if (role == Role.AAAH) {
            node.handlers(role).register(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, RegistrationHandlers.homeAaa(node, config));
            // RFC 4004 §4: STR/STA of Mobile IPv4 sessions carry Application-Id 0
            node.handlers(role).register(ApplicationIds.COMMON_MESSAGES, CommandCodes.SESSION_TERMINATION,
                    RegistrationHandlers.homeAaaSessionEnd(node, config));
            AccountingServices.installHomeAaa(node, config);
            MobileNodeServices.installHomeAaa(node);
            PurchaseInformation.installHomeAaa(node, config);
            Settlements.installHomeAaa(node, config);
            CommunicationCommitments.installHomeAaa(node, config);
        } else if (role == Role.HA) {
            HarHandler har = RegistrationHandlers.homeAgent(node, config);
            node.handlers(role).register(ApplicationIds.MOBILE_IPV4, CommandCodes.HOME_AGENT_MIP, har);
            AsrHandler abort = RegistrationHandlers.homeAgentAbort(node, config);
            node.handlers(role).register(ApplicationIds.COMMON_MESSAGES, CommandCodes.ABORT_SESSION, abort);
            node.attach(AsrHandler.class, abort);
            HomeAgentRenewals renewals = RegistrationHandlers.homeAgentRenewals(node, config,
                    new java.net.InetSocketAddress(config.get("ha.udp.address", "127.0.0.1"), Integer.parseInt(config.get("ha.udp.port", "434"))));
            node.closeWith(renewals);
            node.attach(HomeAgentRenewals.class, renewals);
            BindingExpiry expiry = new BindingExpiry(InfinispanBindingTable.in(node.state()), Clock.systemUTC(),
                    java.time.Duration.ofMillis(Long.parseLong(config.get("ha.expiry.check.ms", "1000"))), node.host());
            node.closeWith(expiry);
            node.attach(BindingExpiry.class, expiry);
            SessionTermination termination = new SessionTermination(node.client(), node.realm(), PendingTerminations.in(node.state()),
                    java.time.Duration.ofMillis(Long.parseLong(config.get("ha.str.retry.max.ms", "60000"))));
            node.closeWith(termination);
            renewals.addListener(termination);
            expiry.addListener(termination);
            termination.resume();
            PresenceServices.installHomeAgent(node, config, har, renewals, expiry, abort);
        } else if (role == Role.AAAY) {
            PayeeServices.installAaay(node, config);
            PayerServices.installAaay(node, config);
        } else if (role == Role.TERMINAL) {
            ShopServices.installTerminal(node, config);
        }
    }

    /** {@code fa.home.agents}: "home-agent-address=host:port,..." (where each home agent takes renewals). */
    static java.util.Map<java.net.Inet4Address, java.net.InetSocketAddress> homeAgents(String setting) throws java.io.IOException {
        java.util.Map<java.net.Inet4Address, java.net.InetSocketAddress> map = new java.util.HashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("=");
            int colon = parts[1].lastIndexOf(':');
            map.put((java.net.Inet4Address) java.net.InetAddress.getByName(parts[0]),
                    new java.net.InetSocketAddress(parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1))));
        }
        return map;
    }

    /** Registers the handlers that need nothing but the started node (the AAAF's proxy). */
    public static void install(DiameterNode node) {
        if (node.plays(Role.AAAF)) {
            RealmProxy proxy = node.realmProxy(new VisitorEntries(node.state().cache(VisitorEntries.CACHE), Clock.systemUTC()));
            node.handlers(Role.AAAF).register(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, proxy);
            long services = node.settings().vendor().accountingServicesApplicationId();
            for (int command : SERVICES_TOWARDS_HOME) {
                node.handlers(Role.AAAF).register(services, command, proxy);
            }
            // the AAAH's UCR back to a mobile node connected here (Destination-Host): the same proxy,
            // jDiameter's router picks the node's own connection by Destination-Host
            node.handlers(Role.AAAF).register(services, CommandCodes.USER_CONFIRMATION, proxy);
        }
    }
}
