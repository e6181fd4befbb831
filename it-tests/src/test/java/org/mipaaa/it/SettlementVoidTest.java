package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ConfirmationCallback;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.payee.PayeeLedger;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.PaymentNotices;
import org.mipaaa.terminal.TerminalPurchaseInfoHandler;
import org.mipaaa.terminal.TerminalSettlementHandlers;

/**
 * S208 when the payee side answers too late: the AAAH waits 0.5 s for the PNA here, the shop terminal
 * takes 1 s to take the payment notice, so the AAAY books after the AAAH gave up. The mobile node is
 * told 3002 and is charged nothing; the AAAH voids the settlement at the AAAY (SCR), which keeps the
 * Settlement-Id voided, books nothing when the terminal finally answers, and tells the terminal it is
 * off. Real nodes over TLS, the real agent; the terminal's real handlers behind a delay.
 */
class SettlementVoidTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String SHOP = "shop@shop.example";

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;
    private static final AtomicReference<PaymentNotices> terminalNotices = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "settlement void lab CA", hosts, List.of("mn1.home.example"));
        // the terminal's real handlers on the shipped catalogue, its payment notice answered 1 s late
        RoleApplications slowTerminal = ctx -> {
            Catalogue catalogue = Catalogue.load(TopologyFixture.configRoot().resolve("terminal/catalogue.properties"));
            PaymentNotices notices = PaymentNotices.in(ctx.state());
            terminalNotices.set(notices);
            TerminalSettlementHandlers real = new TerminalSettlementHandlers(catalogue, notices, VENDOR.vendorId());
            RequestHandler slowPayment = request -> CompletableFuture
                    .supplyAsync(() -> request, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                    .thenCompose(r -> real.payment().handle(r));
            long app = VENDOR.accountingServicesApplicationId();
            ctx.handlers().register(app, CommandCodes.PURCHASE_INFORMATION, new TerminalPurchaseInfoHandler(catalogue, VENDOR.vendorId()))
                    .register(app, CommandCodes.PAYMENT_NOTIFICATION, slowPayment)
                    .register(app, CommandCodes.SETTLEMENT_CANCEL, real.cancellation());
            return null;
        };
        fixture = new TopologyFixture().start(roles, TopologyFixture.standardExcept(Role.TERMINAL, slowTerminal),
                Map.of("tls.dir", tls.toString(), "services.settlement.payee.timeout.ms", "500"));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    @Test
    void s208_aPnaTooLate_nothingChargedAndTheAaayBooksNothing() throws Exception {
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAH), LabTls.context(tls, "mn1.home.example", tls))
                .originHost("mn1.home.example").originRealm("home.example").expectedServer(fixture.topology().node(Role.AAAH).host())
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        HomeAccounts accounts = node(Role.AAAH).installation().aaah().accounts();
        long chargesBefore = accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now())).stream()
                .filter(e -> e.kind() == EntryKind.TRANSFERRED_CHARGE).count();
        PayeeLedger payee = node(Role.AAAY).installation().aaay().ledger();
        BigDecimal balanceBefore = payee.balance(SHOP);
        AtomicReference<String> id = new AtomicReference<>();
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, 4097, MN1_KEY), endpoint,
                new InMemoryReplayCounters(), VENDOR)) {
            PurchaseInfo info = agent.accountingInfo(SHOP, "A-1001");
            assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, p -> {
                id.set(p.settlementId());
                return ConfirmationCallback.Decision.OK;
            })).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
                assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
                assertThat(e.getMessage()).contains("no answer in time");
            });
        }
        SettlementStore store = node(Role.AAAH).installation().aaah().settlements();
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> store.byId(id.get()).orElseThrow().state() == SettlementState.NOT_SETTLED))
                .as("voided at the AAAY, then NOT_SETTLED").isTrue();
        // the terminal answers the AAAY's PNR 1 s after it came: by then the Settlement-Id is voided there
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> terminalNotices.get().notice(id.get())
                .map(PaymentNotices.Notice::cancelled).orElse(false))).as("the terminal told the payment is off").isTrue();
        assertThat(payee.find(id.get())).get().satisfies(s -> assertThat(s.isVoided()).isTrue());
        assertThat(payee.balance(SHOP)).isEqualByComparingTo(balanceBefore);
        assertThat(accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now())).stream()
                .filter(e -> e.kind() == EntryKind.TRANSFERRED_CHARGE).count()).isEqualTo(chargesBefore);
    }
}
