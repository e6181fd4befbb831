package org.mipaaa.conformance;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Realm;
import org.jdiameter.client.impl.controller.RealmImpl;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The peers each realm of jdiameter.xml routes to, per application, as configured, and the repair of
 * jDiameter's realm table when it strays from them.
 *
 * <p>jDiameter adds a peer that dials in and is not instantiated yet (every peer with
 * {@code attempt_connect="false"}: the mobile nodes' agents, a terminal) to every realm entry named
 * like its Origin-Realm, whatever the application. A mobile node of home.example dialling the AAAF
 * would then be a route for the AMRs, ACRs and PIRs the AAAF sends to home.example, and at the AAAH
 * one for the HAR (with another mobile node's session keys) when the home agent's link is down. So a
 * peer is kept only in the realm entries that list it.
 */
public final class RealmPeers {

    private record Entry(String realm, long vendorId, long authApplicationId, long acctApplicationId, Set<String> peers) {
    }

    private final List<Entry> entries;

    private RealmPeers(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The {@code <Realm>} entries of {@code jdiameterXml}. */
    public static RealmPeers of(String jdiameterXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList realms = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(jdiameterXml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagNameNS("*", "Realm");
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < realms.getLength(); i++) {
                Element realm = (Element) realms.item(i);
                if (!realm.hasAttribute("peers")) {
                    continue; // LocalPeer's own <Realm value=...>
                }
                Set<String> peers = Arrays.stream(realm.getAttribute("peers").split(","))
                        .map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
                Element app = (Element) realm.getElementsByTagNameNS("*", "ApplicationID").item(0);
                entries.add(new Entry(realm.getAttribute("name"), value(app, "VendorId"), value(app, "AuthApplId"),
                        value(app, "AcctApplId"), peers));
            }
            return new RealmPeers(entries);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the realms of jdiameter.xml: " + e.getMessage(), e);
        }
    }

    private static long value(Element app, String child) {
        if (app == null) {
            return 0;
        }
        Element e = (Element) app.getElementsByTagNameNS("*", child).item(0);
        return e == null ? 0 : Long.parseLong(e.getAttribute("value").strip());
    }

    /** Whether jdiameter.xml lists {@code host} as a peer of the realm entry {@code realm} / {@code application}. */
    boolean lists(String realm, ApplicationId application, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return entries.stream().anyMatch(e -> e.realm().equals(realm) && e.peers().contains(h)
                && e.vendorId() == application.getVendorId()
                && e.authApplicationId() == orZero(application.getAuthAppId())
                && e.acctApplicationId() == orZero(application.getAcctAppId()));
    }

    private static long orZero(long id) {
        return id == ApplicationId.UNDEFINED_VALUE ? 0 : id;
    }

    /**
     * Takes {@code host} out of each of {@code realms} that does not list it; returns those it left.
     * Through the entry's host list: jDiameter's {@code RealmImpl.removePeerName} removes the realm's
     * own name instead of the peer's (jdiameter-impl 1.7.1-123).
     */
    public List<String> removeWhereNotListed(Collection<Realm> realms, String host) {
        List<String> left = new ArrayList<>();
        for (Realm realm : realms) {
            if (realm instanceof RealmImpl impl && impl.hasPeerName(host) && !lists(realm.getName(), realm.getApplicationId(), host)) {
                hosts(impl).remove(host);
                left.add(realm.getName() + " " + realm.getApplicationId());
            }
        }
        return left;
    }

    @SuppressWarnings("unchecked")
    private static Collection<String> hosts(RealmImpl realm) {
        try {
            Field hosts = RealmImpl.class.getDeclaredField("hosts");
            hosts.setAccessible(true);
            return (Collection<String>) hosts.get(realm);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jDiameter's RealmImpl has no host list: another jdiameter-impl version?", e);
        }
    }
}
