package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.Settlement;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.role.Role;
import org.mipaaa.shop.PaymentNotices;
import org.mipaaa.trace.TraceEvent;

/**
 * Seed Fig. 18 (config/variants/terminal-is-a-mobile-node): the shop's terminal is itself a mobile node.
 * It registers by Mobile IP, with real registration bytes over UDP, through the foreign agent and the
 * AAAF of the network it visits to its home, whose AAA server is also the shop's AAAY; the mobile node
 * buying from it visits the same subnet (seed: "both the mobile node and the terminal become the
 * processing targets of the foreign agent and the AAAF"). Every scenario of the other variants runs here too.
 */
class TerminalIsAMobileNodeTest extends TopologyVariantScenarios {

    private static final String TERMINAL_NAI = "shop-terminal@home.example";
    /** The terminal's demo key in config/variants/terminal-is-a-mobile-node/subscribers.properties. */
    private static final byte[] TERMINAL_KEY = "demo-term-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);

    @Override
    String variant() {
        return "terminal-is-a-mobile-node";
    }

    @Override
    String payee() {
        return "shop@home.example";
    }

    @Override
    Set<Role> roles() {
        return EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA, Role.AAAY, Role.TERMINAL);
    }

    /** Registers {@code nai} through the foreign agent (S101-S106); returns the home agent's binding. */
    private MobilityBinding registerThroughTheForeignAgent(String nai, int spi, byte[] key) throws Exception {
        ForeignAgent fa = node(Role.FA).installation().fa().agent();
        MobileNode mobile = new MobileNode(nai, MnAaaSecurityAssociation.of(spi, key), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mobile.firstRegistration(ad.careOfAddress(), ad.challenge(), 1200);
        MobileNode.Outcome outcome = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
        assertThat(outcome.accepted()).as(nai + ": " + outcome.problem()).isTrue();
        MobilityBinding binding = InfinispanBindingTable.in(node(Role.HA).state()).find(outcome.homeAddress()).orElseThrow();
        assertThat(binding.nai()).isEqualTo(nai);
        assertThat(binding.careOfAddress()).isEqualTo(ad.careOfAddress());
        return binding;
    }

    @Test
    void fig18_s101_s106_theShopsTerminalRegistersAsAMobileNodeWithItsHomeWhichIsAlsoTheShopsAaay() throws Exception {
        Instant since = Instant.now();
        registerThroughTheForeignAgent(TERMINAL_NAI, 258, TERMINAL_KEY);
        assertThat(node(Role.AAAY)).isSameAs(node(Role.AAAH));
        assertThat(fixture.events()).filteredOn(e -> !e.time().isBefore(since) && "AMR".equals(e.command()))
                .extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(tuple(host(Role.FA), host(Role.AAAF), "S103"), tuple(host(Role.AAAF), host(Role.AAAH), "S104"));
    }

    @Test
    void theHomeNetworkOfTheMobileNodeAndOfTheTerminalAreOneNetwork() throws Exception {
        // seed: "the home network of the mobile node 1010 and the home network of the terminal 1030 are
        // the same network": one AAAH authorises both, one home agent binds both, from one address pool
        Instant since = Instant.now();
        MobilityBinding terminal = registerThroughTheForeignAgent(TERMINAL_NAI, 258, TERMINAL_KEY);
        MobilityBinding mobileNode = registerThroughTheForeignAgent(MN1, 256, MN1_KEY);

        assertThat(terminal.homeAgentAddress()).isEqualTo(mobileNode.homeAgentAddress());
        assertThat(terminal.homeAddress()).isNotEqualTo(mobileNode.homeAddress());
        var pool = node(Role.AAAH).installation().aaah().registration().pool().orElseThrow();
        assertThat(pool.addressOf(TERMINAL_NAI)).contains(terminal.homeAddress());
        assertThat(pool.addressOf(MN1)).contains(mobileNode.homeAddress());
        assertThat(fixture.events()).filteredOn(e -> !e.time().isBefore(since) && "HAR".equals(e.command()))
                .extracting(TraceEvent::from, TraceEvent::to)
                .containsOnly(tuple(host(Role.AAAH), host(Role.HA)));
    }

    @Test
    void fig18_s201_s211_aMobileNodeInTheSameSubnetBuysFromTheMobileTerminalAndTheTerminalIsTold() throws Exception {
        registerThroughTheForeignAgent(TERMINAL_NAI, 258, TERMINAL_KEY);
        registerThroughTheForeignAgent(MN1, 256, MN1_KEY);
        PayeeLedger ledger = node(Role.AAAY).installation().aaay().ledger();
        BigDecimal before = ledger.balance(payee());
        Instant since = Instant.now();
        Settlement settlement;
        try (AaamAgent agent = agent(Role.AAAF)) {
            PurchaseInfo info = agent.accountingInfo(payee(), "A-1002");
            assertThat(info.goods()).containsExactly("2 x espresso cup");
            settlement = agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, proposal -> ConfirmationCallback.Decision.OK);
        }
        assertThat(ledger.balance(payee())).isEqualByComparingTo(before.subtract(new BigDecimal("9.90")));
        PaymentNotices.Notice notice = node(Role.TERMINAL).installation().terminal().notices()
                .notice(settlement.settlementId()).orElseThrow();
        assertThat(notice.orderReference()).isEqualTo("A-1002");
        assertThat(notice.userName()).isEqualTo(MN1);
        // the terminal heard of the payment from its home server, the shop's AAAY (S209)
        assertThat(events(since, "PNR")).extracting(TraceEvent::from, TraceEvent::to, TraceEvent::step)
                .contains(tuple(host(Role.AAAY), host(Role.TERMINAL), "S209"));
    }
}
