package org.mipaaa.fa;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.mipaaa.accounting.UsageMeter;
import org.mipaaa.registration.ForeignHomeKeys;
import org.mipaaa.role.RoleContext;

/**
 * The foreign agent's applications (seed Figs. 10-12 S101-S103, Fig. 9 S31): registrations over UDP
 * sent on as AMR, the user-plane relay that meters each visit, and the ACRs of those visits to the
 * AAAF. The FA serves no DIAMETER request; it only sends.
 *
 * @param agent      the Mobile IP side (UDP 434) and its AMRs
 * @param meter      what each visiting mobile node sent and received
 * @param relay      the user-plane relay that feeds the meter
 * @param accounting  the ACRs of each visit (START, INTERIM, STOP)
 * @param termination the STR of each visit that ends, when its AAAH keeps the session's state
 */
public record ForeignAgentRole(ForeignAgent agent, UsageMeter meter, UserPlaneRelay relay, ForeignAgentAccounting accounting,
                               VisitTermination termination) {

    /**
     * Settings: {@code fa.udp.address}/{@code fa.udp.port} (where mobile nodes register, 434),
     * {@code fa.care.of.address}, {@code fa.challenge.validity.ms}, {@code fa.home.agents}
     * ("home-agent-address=host:port,..."), {@code fa.home.agent.keys}, {@code fa.user.plane.address}/
     * {@code fa.user.plane.port}, {@code fa.accounting.interval.ms}, {@code fa.accounting.attempts},
     * {@code fa.str.attempts}.
     */
    public static ForeignAgentRole install(RoleContext ctx) throws IOException {
        var s = ctx.settings();
        ForeignAgent agent = new ForeignAgent(ctx.client(), ctx.mobileIpPorts(),
                new InetSocketAddress(s.get("fa.udp.address", "127.0.0.1"), s.integer("fa.udp.port", 434)),
                (Inet4Address) InetAddress.getByName(s.get("fa.care.of.address", "127.0.0.1")),
                ctx.millis("fa.challenge.validity.ms", 90_000), ctx.requestTimeout(), ctx.clock(),
                homeAgents(s.get("fa.home.agents", "")), ForeignHomeKeys.parse(s.get("fa.home.agent.keys", "")));
        ctx.closeWith(agent);
        UsageMeter meter = new UsageMeter(ctx.clock());
        UserPlaneRelay relay = new UserPlaneRelay(meter, new InetSocketAddress(s.get("fa.user.plane.address", "127.0.0.1"),
                s.integer("fa.user.plane.port", 0)));
        ForeignAgentAccounting accounting = new ForeignAgentAccounting(ctx.client(), ctx.realm(), meter, relay, ctx.clock(),
                ctx.millis("fa.accounting.interval.ms", 60_000), s.integer("fa.accounting.attempts", 8));
        VisitTermination termination = new VisitTermination(ctx.client(), s.integer("fa.str.attempts", 8));
        // closed in this order, before the stack: the agent ends its visits, whose STOPs and STRs go
        // out while the links are up
        ctx.closeWith(accounting);
        ctx.closeWith(termination);
        ctx.closeWith(relay);
        agent.addVisitListener(accounting);
        agent.addVisitListener(termination);
        return new ForeignAgentRole(agent, meter, relay, accounting, termination);
    }

    /** {@code fa.home.agents}: "home-agent-address=host:port,..." (where each home agent takes renewals). */
    static Map<Inet4Address, InetSocketAddress> homeAgents(String setting) throws IOException {
        Map<Inet4Address, InetSocketAddress> map = new HashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("=");
            int colon = parts[1].lastIndexOf(':');
            map.put((Inet4Address) InetAddress.getByName(parts[0]),
                    new InetSocketAddress(parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1))));
        }
        return map;
    }
}
