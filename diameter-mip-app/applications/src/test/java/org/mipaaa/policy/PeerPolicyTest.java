package org.mipaaa.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.role.Role;

class PeerPolicyTest {

    private static final VendorSettings CARRIER = new VendorSettings(99999, 16_777_301);
    private static final Dictionary DICTIONARY = Dictionary.bundled(CARRIER);

    private static PeerPolicy shipped() throws Exception {
        return PeerPolicy.load(Path.of("../../config/policy.properties"), DICTIONARY);
    }

    @Test
    void aMobileNodeMayAskItsAaahForServicesButNeverReportAccountingOrEndSessions() throws Exception {
        PeerPolicy policy = shipped();
        assertThat(policy.allows(PeerKind.MOBILE_NODE, Role.AAAH, 16_777_301, CommandCodes.SETTLEMENT)).isTrue();
        assertThat(policy.allows(PeerKind.MOBILE_NODE, Role.AAAH, ApplicationIds.MOBILE_IPV4, CommandCodes.ACCOUNTING)).isFalse();
        assertThat(policy.allows(PeerKind.MOBILE_NODE, Role.AAAF, ApplicationIds.MOBILE_IPV4, CommandCodes.ACCOUNTING)).isFalse();
        assertThat(policy.allows(PeerKind.MOBILE_NODE, Role.AAAH, ApplicationIds.COMMON_MESSAGES, CommandCodes.SESSION_TERMINATION)).isFalse();
        assertThat(policy.allows(PeerKind.MOBILE_NODE, Role.AAAH, ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE)).isFalse();
    }

    @Test
    void theCarriersOwnApplicationIdIsTheOneAllowed() throws Exception {
        PeerPolicy policy = shipped();
        long documentationDefault = VendorSettings.defaults().accountingServicesApplicationId();
        assertThat(policy.allows(PeerKind.AAAH, Role.AAAY, 16_777_301, CommandCodes.PAYMENT_NOTIFICATION)).isTrue();
        assertThat(policy.allows(PeerKind.AAAH, Role.AAAY, documentationDefault, CommandCodes.PAYMENT_NOTIFICATION)).isFalse();
    }

    @Test
    void onlyTheHomeAgentAndTheAaafForAForeignAgentEndSessionsAndOnlyTheAaahSendsHar() throws Exception {
        PeerPolicy policy = shipped();
        // the AAAF forwards a foreign agent's STR (RFC 4004 §4.1.3); one in the home agent's name it
        // forwards is forged (RoleRouter), and the AAAH frees an address on the home agent's STR only
        assertThat(policy.sendersOf(Role.AAAH, ApplicationIds.COMMON_MESSAGES, CommandCodes.SESSION_TERMINATION))
                .containsExactlyInAnyOrder(PeerKind.HA, PeerKind.AAAF);
        assertThat(policy.sendersOf(Role.AAAF, ApplicationIds.COMMON_MESSAGES, CommandCodes.SESSION_TERMINATION))
                .containsExactly(PeerKind.FA);
        // RFC 6733 §3: the STR may carry its session's Application-Id, 2, in the header
        assertThat(policy.sendersOf(Role.AAAH, ApplicationIds.MOBILE_IPV4, CommandCodes.SESSION_TERMINATION))
                .containsExactlyInAnyOrder(PeerKind.HA, PeerKind.AAAF);
        assertThat(policy.name(ApplicationIds.MOBILE_IPV4, CommandCodes.SESSION_TERMINATION)).isEqualTo("STR");
        // but a command the header's application defines is that application's: no HAR from a foreign agent
        assertThat(policy.allows(PeerKind.FA, Role.HA, ApplicationIds.MOBILE_IPV4, CommandCodes.HOME_AGENT_MIP)).isFalse();
        assertThat(policy.sendersOf(Role.HA, ApplicationIds.MOBILE_IPV4, CommandCodes.HOME_AGENT_MIP)).containsExactly(PeerKind.AAAH);
        // registrations: a foreign agent's through its AAAF, a co-located node's through its home agent (RFC 4004 §3.3)
        assertThat(policy.sendersOf(Role.AAAH, ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE))
                .containsExactlyInAnyOrder(PeerKind.AAAF, PeerKind.HA);
        // a terminal sends the AAAY nothing: it only answers
        assertThat(policy.describe()).noneMatch(line -> line.startsWith("TERMINAL -> "));
    }

    @Test
    void aRelayIsNeverASenderOfItsOwn() throws Exception {
        assertThat(shipped().describe()).noneMatch(line -> line.startsWith("RELAY -> "));
    }

    @Test
    void aTypoNamesTheLine() {
        Properties lines = new Properties();
        lines.setProperty("AAAF.to.AAAH", "AMR, SRE");
        assertThatThrownBy(() -> PeerPolicy.parse(lines, DICTIONARY)).hasMessageContaining("AAAF.to.AAAH")
                .hasMessageContaining("SRE");
        Properties sender = new Properties();
        sender.setProperty("SHOP.to.AAAH", "PIR");
        assertThatThrownBy(() -> PeerPolicy.parse(sender, DICTIONARY)).hasMessageContaining("unknown sender SHOP");
    }
}
