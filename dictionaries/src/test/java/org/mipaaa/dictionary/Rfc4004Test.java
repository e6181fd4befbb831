package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Spot checks against the text of RFC 4004 (tables of sections 7 and 9, section 10, ABNF of
 * section 5), with the deviations recorded in docs/PROTOCOL.md.
 */
class Rfc4004Test {

    private final Dictionary d = Dictionary.bundled();

    /** RFC 4004 sections 7 and 9 tables plus 10 (363-366) and the 46 of 10.3: code, name, type. */
    private static final Object[][] RFC_4004_AVPS = {
        {318, "MIP-FA-to-HA-SPI", AvpType.UNSIGNED32}, {319, "MIP-FA-to-MN-SPI", AvpType.UNSIGNED32},
        {320, "MIP-Reg-Request", AvpType.OCTET_STRING}, {321, "MIP-Reg-Reply", AvpType.OCTET_STRING},
        {322, "MIP-MN-AAA-Auth", AvpType.GROUPED}, {323, "MIP-HA-to-FA-SPI", AvpType.UNSIGNED32},
        {325, "MIP-MN-to-FA-MSA", AvpType.GROUPED}, {326, "MIP-FA-to-MN-MSA", AvpType.GROUPED},
        {328, "MIP-FA-to-HA-MSA", AvpType.GROUPED}, {329, "MIP-HA-to-FA-MSA", AvpType.GROUPED},
        {331, "MIP-MN-to-HA-MSA", AvpType.GROUPED}, {332, "MIP-HA-to-MN-MSA", AvpType.GROUPED},
        {333, "MIP-Mobile-Node-Address", AvpType.ADDRESS}, {334, "MIP-Home-Agent-Address", AvpType.ADDRESS},
        {335, "MIP-Nonce", AvpType.OCTET_STRING}, {336, "MIP-Candidate-Home-Agent-Host", AvpType.DIAMETER_IDENTITY},
        {337, "MIP-Feature-Vector", AvpType.UNSIGNED32}, {338, "MIP-Auth-Input-Data-Length", AvpType.UNSIGNED32},
        {339, "MIP-Authenticator-Length", AvpType.UNSIGNED32}, {340, "MIP-Authenticator-Offset", AvpType.UNSIGNED32},
        {341, "MIP-MN-AAA-SPI", AvpType.UNSIGNED32}, {342, "MIP-Filter-Rule", AvpType.IP_FILTER_RULE},
        {343, "MIP-Session-Key", AvpType.OCTET_STRING}, {344, "MIP-FA-Challenge", AvpType.OCTET_STRING},
        {345, "MIP-Algorithm-Type", AvpType.ENUMERATED}, {346, "MIP-Replay-Mode", AvpType.ENUMERATED},
        {347, "MIP-Originating-Foreign-AAA", AvpType.GROUPED},
        // table of section 7 says DiamIdent, section 7.11 defines Grouped: deviation, Grouped
        {348, "MIP-Home-Agent-Host", AvpType.GROUPED},
        {367, "MIP-MSA-Lifetime", AvpType.UNSIGNED32},
        {363, "Accounting-Input-Octets", AvpType.UNSIGNED64}, {364, "Accounting-Output-Octets", AvpType.UNSIGNED64},
        {365, "Accounting-Input-Packets", AvpType.UNSIGNED64}, {366, "Accounting-Output-Packets", AvpType.UNSIGNED64},
        // section 10.3 calls it "Acct-Time": deviation, Acct-Session-Time
        {46, "Acct-Session-Time", AvpType.UNSIGNED32}, {55, "Event-Timestamp", AvpType.TIME},
    };

    @Test
    void everyRfc4004AvpIsPresentWithItsCodeNameAndType() {
        for (Object[] row : RFC_4004_AVPS) {
            AvpDefinition a = d.avp((Integer) row[0], 0).orElseThrow(() -> new AssertionError("missing AVP " + row[0]));
            assertThat(a.name()).isEqualTo(row[1]);
            assertThat(a.type()).as(a.name()).isEqualTo(row[2]);
            assertThat(a.mandatory()).as(a.name()).isEqualTo(FlagRule.MUST);
            assertThat(a.vendorBit()).as(a.name()).isEqualTo(FlagRule.MUST_NOT);
        }
        // 318-348 minus the unassigned 324, 327, 330: all MIP-* of sections 7 and 9
        List<Integer> mipCodes = d.avps(0).stream().map(AvpDefinition::code).filter(c -> c >= 318 && c <= 367).sorted().toList();
        assertThat(mipCodes).doesNotContain(324, 327, 330).contains(318, 348, 363, 367).hasSize(28 + 5);
        assertThat(d.avp("MIP-Candidate-Home-Agent-Host").orElseThrow().mayEncrypt()).isFalse();
        assertThat(d.avp("MIP-Reg-Request").orElseThrow().mayEncrypt()).isTrue();
    }

    @Test
    void enumeratedValuesAndFeatureVectorBits() {
        assertThat(d.avp("MIP-Algorithm-Type").orElseThrow().enumValues()).isEqualTo(Map.of(2L, "HMAC-SHA-1"));
        assertThat(d.avp("MIP-Replay-Mode").orElseThrow().enumValues()).isEqualTo(Map.of(1L, "None", 2L, "Timestamps", 3L, "Nonces"));
        assertThat(d.avp("MIP-Feature-Vector").orElseThrow().enumValues().keySet())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L);
    }

    @Test
    void groupedAvpsFollowTheRfcWithTheRecordedResolutions() {
        assertThat(members("MIP-MN-AAA-Auth")).isEqualTo(
                "{ MIP-MN-AAA-SPI } { MIP-Auth-Input-Data-Length } { MIP-Authenticator-Length } { MIP-Authenticator-Offset }");
        assertThat(members("MIP-FA-to-MN-MSA")).isEqualTo("{ MIP-FA-to-MN-SPI } { MIP-Algorithm-Type } { MIP-Session-Key }");
        assertThat(members("MIP-FA-to-HA-MSA")).isEqualTo("{ MIP-FA-to-HA-SPI } { MIP-Algorithm-Type } { MIP-Session-Key }");
        assertThat(members("MIP-HA-to-FA-MSA")).isEqualTo("{ MIP-HA-to-FA-SPI } { MIP-Algorithm-Type } { MIP-Session-Key }");
        // undefined MIP-HA-to-MN-SPI and MIP-MN-FA-SPI left out; MIP-MN-HA-SPI from RFC 5778, optional
        assertThat(members("MIP-HA-to-MN-MSA")).isEqualTo("{ MIP-Algorithm-Type } { MIP-Replay-Mode } { MIP-Session-Key }");
        assertThat(members("MIP-MN-to-FA-MSA")).isEqualTo("{ MIP-Algorithm-Type } { MIP-Nonce }");
        assertThat(members("MIP-MN-to-HA-MSA")).isEqualTo(
                "[ MIP-MN-HA-SPI ] { MIP-Algorithm-Type } { MIP-Replay-Mode } { MIP-Nonce }");
        assertThat(d.avp("MIP-MN-HA-SPI").orElseThrow().code()).isEqualTo(491);
        assertThat(members("MIP-Originating-Foreign-AAA")).isEqualTo("{ Origin-Realm } { Origin-Host }");
        assertThat(members("MIP-Home-Agent-Host")).isEqualTo("{ Destination-Realm } { Destination-Host }");
        assertThat(d.avps()).noneMatch(a -> a.name().matches("MIP-(HA-to-MN|MN-to-HA|MN-to-FA|MN-FA)-SPI"));
    }

    private String members(String grouped) {
        return d.avp(grouped).orElseThrow().groupedRules().stream().map(AvpRule::abnf).collect(Collectors.joining(" "));
    }

    @Test
    void amrAmaHarHaaRequireWhatTheRfcAbnfRequires() {
        assertThat(required(CommandCodes.AA_MOBILE_NODE, true)).containsExactly("Session-Id", "Auth-Application-Id",
                "User-Name", "Destination-Realm", "Origin-Host", "Origin-Realm", "MIP-Reg-Request", "MIP-MN-AAA-Auth");
        assertThat(required(CommandCodes.AA_MOBILE_NODE, false)).containsExactly("Session-Id", "Auth-Application-Id",
                "Result-Code", "Origin-Host", "Origin-Realm");
        assertThat(required(CommandCodes.HOME_AGENT_MIP, true)).containsExactly("Session-Id", "Auth-Application-Id",
                "Authorization-Lifetime", "Auth-Session-State", "MIP-Reg-Request", "Origin-Host", "Origin-Realm",
                "User-Name", "Destination-Realm", "MIP-Feature-Vector");
        assertThat(required(CommandCodes.HOME_AGENT_MIP, false)).containsExactly("Session-Id", "Auth-Application-Id",
                "Result-Code", "Origin-Host", "Origin-Realm");
    }

    @Test
    void amrHasEveryAvpOfItsAbnfWithTheRightOccurrences() {
        CommandDefinition amr = d.command(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, true).orElseThrow();
        assertThat(amr.abbreviation()).isEqualTo("AMR");
        assertThat(amr.proxiable()).isTrue();
        assertThat(amr.rules()).hasSize(23);
        assertThat(amr.rules().get(0).fixedPosition()).isTrue();
        assertThat(amr.rule("Proxy-Info").orElseThrow().abnf()).isEqualTo("* [ Proxy-Info ]");
        assertThat(amr.rule("MIP-HA-to-FA-SPI").orElseThrow().abnf()).isEqualTo("[ MIP-HA-to-FA-SPI ]");
        CommandDefinition ama = d.command(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, false).orElseThrow();
        assertThat(ama.rule("MIP-Filter-Rule").orElseThrow().abnf()).isEqualTo("* [ MIP-Filter-Rule ]");
        assertThat(ama.rule(AvpCodes.ROUTE_RECORD, 0)).isEmpty();
    }

    @Test
    void mobileIpv4AccountingRequiresTheSection11Point2Avps() {
        assertThat(required(CommandCodes.ACCOUNTING, true)).contains("Accounting-Input-Octets", "Accounting-Output-Octets",
                "Accounting-Input-Packets", "Accounting-Output-Packets", "Acct-Multi-Session-Id", "Acct-Session-Time",
                "MIP-Feature-Vector", "MIP-Home-Agent-Address", "MIP-Mobile-Node-Address");
        CommandDefinition acr2 = d.command(ApplicationIds.MOBILE_IPV4, CommandCodes.ACCOUNTING, true).orElseThrow();
        assertThat(acr2.rule("Event-Timestamp").orElseThrow().abnf()).isEqualTo("[ Event-Timestamp ]");
        CommandDefinition acr3 = d.command(ApplicationIds.BASE_ACCOUNTING, CommandCodes.ACCOUNTING, true).orElseThrow();
        assertThat(acr3.rule("Accounting-Input-Octets")).isEmpty();
        assertThat(acr3.required()).extracting(AvpRule::avpName).containsExactly("Session-Id", "Origin-Host",
                "Origin-Realm", "Destination-Realm", "Accounting-Record-Type", "Accounting-Record-Number");
    }

    @Test
    void resultCodesOfSection6() {
        Map<Integer, String> rfc = new TreeMap<>(Map.of(4005, "DIAMETER_ERROR_MIP_REPLY_FAILURE", 4006,
                "DIAMETER_ERROR_HA_NOT_AVAILABLE", 4007, "DIAMETER_ERROR_BAD_KEY", 4008,
                "DIAMETER_ERROR_MIP_FILTER_NOT_SUPPORTED", 5024, "DIAMETER_ERROR_NO_FOREIGN_HA_SERVICE", 5025,
                "DIAMETER_ERROR_END_TO_END_MIP_KEY_ENCRYPTION"));
        rfc.forEach((code, name) -> assertThat(ResultCodes.name(code)).isEqualTo(name));
        assertThat(ResultCodes.ERROR_HA_NOT_AVAILABLE).isEqualTo(4006);
        assertThat(ResultCodes.ERROR_END_TO_END_MIP_KEY_ENCRYPTION).isEqualTo(5025);
    }

    private List<String> required(int command, boolean request) {
        return d.command(ApplicationIds.MOBILE_IPV4, command, request).orElseThrow().required().stream()
                .map(AvpRule::avpName).toList();
    }
}
