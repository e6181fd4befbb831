package org.mipaaa.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.jdiameter.api.Network;
import org.jdiameter.api.Stack;
import org.jdiameter.server.impl.NetworkImpl;
import org.jdiameter.server.impl.StackImpl;
import org.jdiameter.server.impl.helpers.XMLConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The realms a peer may write, read from a real jDiameter stack's realm table. */
class ConfiguredRealmsTest {

    private static final String CONFIG = """
            <Configuration xmlns="http://www.jdiameter.org/jdiameter-server">
              <LocalPeer><URI value="aaa://terminal.shop.example:13868"/>
                <IPAddresses><IPAddress value="127.0.0.1"/></IPAddresses><Realm value="shop.example"/>
                <VendorID value="0"/><ProductName value="t"/><FirmwareRevision value="1"/></LocalPeer>
              <Parameters>
                <AcceptUndefinedPeer value="false"/><DuplicateProtection value="false"/><DuplicateTimer value="240000"/>
                <UseUriAsFqdn value="false"/><QueueSize value="10000"/><MessageTimeOut value="10000"/><StopTimeOut value="3000"/>
                <CeaTimeOut value="5000"/><IacTimeOut value="30000"/><DwaTimeOut value="5000"/><DpaTimeOut value="3000"/>
                <RecTimeOut value="5000"/><PeerFSMThreadCount value="1"/>
                <Statistics pause="30000" delay="30000" enabled="false" active_records="Concurrent"/>
                <Dictionary enabled="false" sendLevel="OFF" receiveLevel="OFF"/>
              </Parameters>
              <Network>
                <Peers><Peer name="aaa://aaay.shop.example:13869" attempt_connect="false" rating="1"/></Peers>
                <Realms>
                  <Realm name="shop.example" peers="aaay.shop.example" local_action="LOCAL" dynamic="false" exp_time="1">
                    <ApplicationID><VendorId value="0"/><AuthApplId value="0"/><AcctApplId value="3"/></ApplicationID></Realm>
                  <Realm name="home.example" peers="aaay.shop.example" local_action="LOCAL" dynamic="false" exp_time="1">
                    <ApplicationID><VendorId value="0"/><AuthApplId value="0"/><AcctApplId value="3"/></ApplicationID></Realm>
                </Realms>
              </Network>
            </Configuration>
            """;

    private Stack stack;

    @AfterEach
    void destroy() {
        if (stack != null) {
            stack.destroy();
        }
    }

    @Test
    void aPeerMayWriteItsDomainAndEachRealmItIsListedUnder() throws Exception {
        stack = new StackImpl();
        stack.init(new XMLConfiguration(new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8))));
        ConfiguredRealms realms = new ConfiguredRealms(((NetworkImpl) stack.unwrap(Network.class)).getRealmTable());
        assertThat(realms.apply("aaay.shop.example")).containsExactly("home.example", "shop.example");
        assertThat(realms.apply("AAAY.shop.example")).containsExactly("home.example", "shop.example");
        assertThat(realms.apply("mn1.home.example")).containsExactly("home.example");
        assertThat(realms.apply("localhost")).isEmpty();
    }
}
