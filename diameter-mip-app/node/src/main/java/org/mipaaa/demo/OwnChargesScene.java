package org.mipaaa.demo;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.services.AaamAgent;
import org.mipaaa.agent.services.ChargeEntry;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.agent.services.ServiceException;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.lab.Topology;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.registration.RegistrationSettings;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.SubscriberProvisioning;
import org.mipaaa.role.Role;

/**
 * The demo's own charges (seed Fig. 8 S25): the mobile node of the accounting scene asks, with the AAAM
 * agent library over TLS through the AAAF of the visited network, what its AAAH holds about its charges
 * this month, and gets the same total as the AAAH's statement.
 */
final class OwnChargesScene {

    private static final String NAI = "mn2@home.example";
    private static final String HOST = "mn2.home.example";

    private final Topology topology;
    private final PrintStream out;
    private final Path tlsDirectory;

    OwnChargesScene(Topology topology, PrintStream out, Path tlsDirectory) {
        this.topology = topology;
        this.out = out;
        this.tlsDirectory = tlsDirectory;
    }

    boolean play() throws Exception {
        Subscriber subscriber = SubscriberProvisioning.read(RegistrationSettings.from(topology.config(Role.AAAH).settings())
                        .subscribersFile().orElseThrow()).stream()
                .filter(s -> s.nai().equals(NAI)).findFirst().orElseThrow();
        VendorSettings vendor = topology.node(Role.AAAF).settings().vendor();
        ConfigSource aaaf = topology.config(Role.AAAF);
        AgentEndpoint endpoint = AgentEndpoint.builder("127.0.0.1", Integer.parseInt(aaaf.require("transport.tls.port")), tls())
                .originHost(HOST).originRealm(Subscriber.realmOf(NAI)).expectedServer(topology.node(Role.AAAF).host())
                .application(vendor.vendorId(), vendor.accountingServicesApplicationId()).requestTimeout(Duration.ofSeconds(5)).build();
        // the association's key comes from the MN-AAA key, as at the AAAH (docs/PROTOCOL.md §3.1)
        AaamSecurityAssociation association = AaamSecurityAssociation.fromMnAaaKey(NAI, subscriber.aaamSpi().orElseThrow(),
                subscriber.mnAaa().key());
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        CommunicationCharges charges;
        try (AaamAgent agent = new AaamAgent(association, endpoint, new InMemoryReplayCounters(), vendor)) {
            charges = agent.communicationCharges(month);
        } catch (ServiceException e) {
            out.printf("   %s asks its AAAH for its charges of %s through the AAAF: %s %s  [UNEXPECTED]%n", NAI, month, e.failure(),
                    e.getMessage());
            return false;
        }
        Statement statement = topology.node(Role.AAAH).installation().aaah().accounts().queries().currentStatement(NAI, Instant.now());
        boolean same = charges.total().value().compareTo(statement.total().amount()) == 0;
        out.printf("   %s asks its AAAH for its charges of %s, CQR signed with its AAAM key, relayed by the AAAF (S25)  [ok]%n",
                NAI, month);
        for (ChargeEntry e : charges.entries()) {
            out.printf("     | %s  %-18s %-11s %12s  %s%n", e.date(), e.kind(), e.state(), e.amount(),
                    e.usage().map(u -> u.seconds() + " s, " + (u.inputOctets() + u.outputOctets()) + " octets, "
                            + (u.inputPackets() + u.outputPackets()) + " packets").orElse(e.payee().orElse("") + " " + e.goods()));
        }
        charges.tariffs().forEach(t -> out.printf("     | tariff %s per %s%n", t.price(), t.costUnit()));
        out.printf("     | total %s; the AAAH's statement says %s  [%s]%n", charges.total(), statement.total(), same ? "ok" : "UNEXPECTED");
        return same && !charges.entries().isEmpty();
    }

    /** The mobile node's key and the lab CA, from the PKI of this run. */
    private SSLContext tls() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] password = password(tlsDirectory.resolve(HOST + ".pass"));
        keys.init(store(tlsDirectory.resolve(HOST + ".p12"), password), password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(store(tlsDirectory.resolve("trust.p12"), password(tlsDirectory.resolve("trust.pass"))));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore store(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static char[] password(Path file) throws java.io.IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    }
}
