package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.PaymentNotices;
import org.mipaaa.shop.TerminalAccount;
import org.mipaaa.terminal.TerminalCancellationHandler;
import org.mipaaa.terminal.TerminalPurchaseInfoHandler;
import org.mipaaa.terminal.TerminalSettlementHandler;
import org.mipaaa.terminal.TerminalSettlementHandlers;
import org.mipaaa.terminal.TrustedAaahs;

/**
 * S208 of the terminal-settles variant when the terminal answers too late: the AAAH waits 0.5 s for
 * the SEA here, the terminal takes 1 s. The mobile node is told 3002 and charged nothing; the AAAH voids
 * the settlement at the terminal with an SCR. Either the terminal had settled (its SEA was just slow):
 * the sale is reversed; or it had not yet: the Settlement-Id is kept voided and the SER, when the
 * terminal gets to it, settles nothing. Real nodes over TLS, the real agent; the terminal's real
 * handlers with a delay before or after its settlement.
 */
class TerminalSettlesVoidTest {

    private static final String MN1 = "mn1@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final String CAFE = "cafe@shop.example";

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;
    private static TerminalAccount terminalAccount;
    /** true: the terminal settles at once and answers 1 s later; false: it waits 1 s, then settles. */
    private static final AtomicBoolean settleFirst = new AtomicBoolean();

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAF, Role.AAAH, Role.AAAY, Role.TERMINAL);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "terminal settles void lab CA", hosts, List.of("mn1.home.example"));
        // the terminal with the AAA function, its real handlers on the shipped catalogue; its SEA 1 s late
        RoleApplications slowTerminal = ctx -> {
            Catalogue catalogue = Catalogue.load(TopologyFixture.configRoot().resolve("terminal/catalogue.properties"));
            terminalAccount = TerminalAccount.in(ctx.state());
            TrustedAaahs aaahs = TrustedAaahs.parse("aaah.home.example");
            TerminalSettlementHandler real = new TerminalSettlementHandler(catalogue, terminalAccount, aaahs, VENDOR.vendorId(), Clock.systemUTC());
            RequestHandler slow = request -> {
                if (settleFirst.get()) {
                    CompletableFuture<Outcome> settled = real.handle(request).toCompletableFuture();
                    return settled.thenCompose(o -> CompletableFuture.supplyAsync(() -> o, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)));
                }
                return CompletableFuture.supplyAsync(() -> request, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                        .thenCompose(r -> real.handle(r));
            };
            TerminalSettlementHandlers notices = new TerminalSettlementHandlers(catalogue, PaymentNotices.in(ctx.state()), VENDOR.vendorId());
            long app = VENDOR.accountingServicesApplicationId();
            ctx.handlers().register(app, CommandCodes.PURCHASE_INFORMATION, new TerminalPurchaseInfoHandler(catalogue, VENDOR.vendorId()))
                    .register(app, CommandCodes.SETTLEMENT, slow)
                    .register(app, CommandCodes.SETTLEMENT_CANCEL,
                            new TerminalCancellationHandler(terminalAccount, aaahs, notices.cancellation(), VENDOR.vendorId(), Clock.systemUTC()));
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

    private static long transferredCharges() {
        HomeAccounts accounts = node(Role.AAAH).installation().aaah().accounts();
        return accounts.database().entries(MN1, accounts.queries().periodOf(Instant.now())).stream()
                .filter(e -> e.kind() == EntryKind.TRANSFERRED_CHARGE).count();
    }

    /** Settles order C-501, which the terminal answers too late: 3002 to the mobile node; the Settlement-Id. */
    private static String settleTooLate() throws Exception {
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", fixture.tlsPort(Role.AAAH), LabTls.context(tls, "mn1.home.example", tls))
                .originHost("mn1.home.example").originRealm("home.example").expectedServer(fixture.topology().node(Role.AAAH).host())
                .application(VENDOR.vendorId(), VENDOR.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(6)).build();
        AtomicReference<String> id = new AtomicReference<>();
        try (AaamAgent agent = new AaamAgent(AaamSecurityAssociation.fromMnAaaKey(MN1, 4097, MN1_KEY), endpoint,
                new InMemoryReplayCounters(), VENDOR)) {
            PurchaseInfo info = agent.accountingInfo(CAFE, "C-501");
            assertThatThrownBy(() -> agent.settle(info, SettlementMode.DEBIT_PAYEE_ACCOUNT, p -> {
                id.set(p.settlementId());
                return ConfirmationCallback.Decision.OK;
            })).isInstanceOfSatisfying(ServiceException.class, e -> {
                assertThat(e.failure()).isEqualTo(ServiceException.Failure.NOT_DELIVERED);
                assertThat(e.resultCode()).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
                assertThat(e.getMessage()).contains("the payee's terminal terminal.shop.example: no answer in time");
            });
        }
        SettlementStore store = node(Role.AAAH).installation().aaah().settlements();
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> store.byId(id.get()).orElseThrow().state() == SettlementState.NOT_SETTLED))
                .as("voided at the terminal, then NOT_SETTLED").isTrue();
        return id.get();
    }

    @Test
    void s208_aSeaTooLateAfterTheTerminalSettled_theVoidReversesItAndNothingIsCharged() throws Exception {
        settleFirst.set(true);
        long chargesBefore = transferredCharges();
        String id = settleTooLate();
        assertThat(terminalAccount.find(id)).get().satisfies(s -> {
            assertThat(s.isVoided()).isFalse();
            assertThat(s.reversed()).as("settled, then reversed by the AAAH's void").isTrue();
        });
        assertThat(terminalAccount.balance(CAFE)).isEqualByComparingTo("0");
        assertThat(transferredCharges()).isEqualTo(chargesBefore);
    }

    @Test
    void s208_aSerTheTerminalGetsToOnlyAfterTheVoid_settlesNothing() throws Exception {
        settleFirst.set(false);
        long chargesBefore = transferredCharges();
        String id = settleTooLate();
        Thread.sleep(1500); // the terminal gets to the SER after the void
        assertThat(terminalAccount.find(id)).get().satisfies(s -> assertThat(s.isVoided()).isTrue());
        assertThat(terminalAccount.balance(CAFE)).isEqualByComparingTo("0");
        assertThat(transferredCharges()).isEqualTo(chargesBefore);
    }
}
