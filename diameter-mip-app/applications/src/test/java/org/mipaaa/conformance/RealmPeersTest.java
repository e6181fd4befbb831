package org.mipaaa.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.LocalAction;
import org.jdiameter.api.Realm;
import org.jdiameter.client.impl.controller.RealmImpl;
import org.junit.jupiter.api.Test;

class RealmPeersTest {

    private static final String XML = """
            <Configuration xmlns="http://www.jdiameter.org/jdiameter-server">
              <LocalPeer><Realm value="home.example"/></LocalPeer>
              <Network><Realms>
                <Realm name="home.example" peers="ha.home.example" local_action="LOCAL" dynamic="false" exp_time="1">
                  <ApplicationID><VendorId value="0"/><AuthApplId value="2"/><AcctApplId value="0"/></ApplicationID>
                </Realm>
                <Realm name="home.example" peers="terminal.home.example, ha.home.example" local_action="LOCAL" dynamic="false" exp_time="1">
                  <ApplicationID><VendorId value="32473"/><AuthApplId value="1296629761"/><AcctApplId value="0"/></ApplicationID>
                </Realm>
              </Realms></Network>
            </Configuration>
            """;

    private static final ApplicationId MIP = ApplicationId.createByAuthAppId(0, 2);
    private static final ApplicationId SERVICES = ApplicationId.createByAuthAppId(32473, 1296629761L);

    private final RealmPeers peers = RealmPeers.of(XML);

    @Test
    void aPeerIsListedOnlyForTheRealmAndApplicationsWhoseEntryNamesIt() {
        assertThat(peers.lists("home.example", MIP, "ha.home.example")).isTrue();
        assertThat(peers.lists("home.example", MIP, "HA.home.example")).isTrue();
        assertThat(peers.lists("home.example", MIP, "terminal.home.example")).isFalse();
        assertThat(peers.lists("home.example", SERVICES, "terminal.home.example")).isTrue();
        assertThat(peers.lists("other.example", SERVICES, "terminal.home.example")).isFalse();
        assertThat(peers.lists("home.example", MIP, "mn1.home.example")).isFalse();
    }

    @Test
    void aPeerJDiameterAddedWhereItIsNotListedIsTakenOutAndOnlyThere() {
        RealmImpl mip = new RealmImpl("home.example", MIP, LocalAction.LOCAL, null, null, false, 1, "ha.home.example", "terminal.home.example");
        RealmImpl services = new RealmImpl("home.example", SERVICES, LocalAction.LOCAL, null, null, false, 1, "terminal.home.example");
        List<Realm> realms = List.of(mip, services);

        assertThat(peers.removeWhereNotListed(realms, "terminal.home.example")).hasSize(1);

        assertThat(mip.getPeerNames()).containsExactly("ha.home.example");
        assertThat(services.getPeerNames()).containsExactly("terminal.home.example");
        assertThat(peers.removeWhereNotListed(realms, "terminal.home.example")).isEmpty();
    }
}
