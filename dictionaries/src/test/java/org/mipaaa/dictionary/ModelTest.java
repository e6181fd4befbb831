package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Look-ups and occurrence checks of the model, and the small value types. */
class ModelTest {

    private final Dictionary d = Dictionary.bundled();

    @Test
    void lookUpByCodeAndByName() {
        AvpDefinition payee = d.avp(VendorAvpCodes.PAYEE_ID, VendorIds.MIP_AAA_DEFAULT).orElseThrow();
        assertThat(payee.name()).isEqualTo("Payee-Id");
        assertThat(payee.type()).isEqualTo(AvpType.UTF8_STRING);
        assertThat(payee.isVendorSpecific()).isTrue();
        assertThat(d.avp("Payee-Id")).hasValue(payee);
        assertThat(d.avp(VendorAvpCodes.PAYEE_ID, 0)).map(AvpDefinition::name).hasValue("User-Name");
        assertThat(d.avp("No-Such-AVP")).isEmpty();
        assertThat(d.command(ApplicationIds.COMMON_MESSAGES, CommandCodes.CAPABILITIES_EXCHANGE, true))
                .map(CommandDefinition::abbreviation).hasValue("CER");
        assertThat(d.command(ApplicationIds.COMMON_MESSAGES, CommandCodes.CAPABILITIES_EXCHANGE, true).orElseThrow().proxiable())
                .isFalse();
        assertThat(d.command(ApplicationIds.MOBILE_IPV4, CommandCodes.SETTLEMENT, true)).isEmpty();
        assertThat(d.avp("Auth-Session-State").orElseThrow().enumName(Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED))
                .hasValue("NO_STATE_MAINTAINED");
    }

    @Test
    void commandViolationsFindMissingAndRepeatedAvps() {
        CommandDefinition cqr = d.command(ApplicationIds.MIP_ACCOUNTING_SERVICES, CommandCodes.CHARGE_QUERY, true).orElseThrow();
        Map<String, Integer> counts = new HashMap<>();
        cqr.required().forEach(r -> counts.put(r.code() + "/" + r.vendorId(), 1));
        AvpOccurrences message = (code, vendor) -> counts.getOrDefault(code + "/" + vendor, 0);
        assertThat(cqr.violations(message)).isEmpty();

        counts.remove(VendorAvpCodes.BILLING_PERIOD + "/" + VendorIds.MIP_AAA_DEFAULT);
        counts.put(AvpCodes.ORIGIN_HOST + "/0", 2);
        assertThat(cqr.violations(message)).extracting(AvpRule::avpName).containsExactly("Origin-Host", "Billing-Period");

        counts.put(AvpCodes.ROUTE_RECORD + "/0", 7);
        assertThat(cqr.violations(message)).extracting(AvpRule::avpName).doesNotContain("Route-Record");
    }

    @Test
    void groupedViolations() {
        AvpDefinition auth = d.avp("AAAM-Authenticator").orElseThrow();
        assertThat(auth.violations((code, vendor) -> 1)).isEmpty();
        assertThat(auth.violations((code, vendor) -> code == VendorAvpCodes.AAAM_REPLAY_COUNTER ? 0 : 1))
                .extracting(AvpRule::avpName).containsExactly("AAAM-Replay-Counter");
        assertThat(d.avp("User-Name").orElseThrow().violations((c, v) -> 0)).isEmpty();
    }

    @Test
    void avpRuleNotations() {
        assertThat(AvpRule.ofMultiplicity("A", 1, 0, "1+", false).abnf()).isEqualTo("1* { A }");
        assertThat(AvpRule.ofMultiplicity("A", 1, 0, "0+", false).abnf()).isEqualTo("* [ A ]");
        assertThat(AvpRule.ofMultiplicity("A", 1, 0, "0-1", false).abnf()).isEqualTo("[ A ]");
        assertThat(AvpRule.ofMultiplicity("A", 1, 0, "1", false).abnf()).isEqualTo("{ A }");
        assertThat(AvpRule.ofMultiplicity("A", 1, 0, "1", true).abnf()).isEqualTo("< A >");
        for (String m : new String[] {"0", "0-1", "1", "0+", "1+"}) {
            assertThat(AvpRule.ofMultiplicity("A", 1, 0, m, false).multiplicity()).isEqualTo(m);
        }
        AvpRule two = new AvpRule("A", 1, 0, 2, 3, false);
        assertThat(two.allows(1)).isFalse();
        assertThat(two.allows(3)).isTrue();
        assertThat(two.allows(4)).isFalse();
        assertThat(two.abnf()).isEqualTo("2*3 { A }");
        assertThatThrownBy(two::multiplicity).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AvpRule("A", 1, 0, 2, 1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AvpRule.ofMultiplicity("A", 1, 0, "*", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultCodeNames() {
        assertThat(ResultCodes.name(ResultCodes.SUCCESS)).isEqualTo("DIAMETER_SUCCESS");
        assertThat(ResultCodes.name(ResultCodes.ELECTION_LOST)).isEqualTo("ELECTION_LOST");
        assertThat(ResultCodes.name(5999)).isEqualTo("UNKNOWN_PERMANENT_FAILURE");
        assertThat(ResultCodes.name(2999)).isEqualTo("UNKNOWN_SUCCESS");
        assertThat(ResultCodes.isSuccess(2002)).isTrue();
        assertThat(ResultCodes.isSuccess(3002)).isFalse();
        assertThat(VendorResultCodes.name(VendorResultCodes.USER_REJECTED)).isEqualTo("USER_REJECTED");
        assertThat(VendorResultCodes.name(4801)).isEqualTo("CONFIRMATION_TIMEOUT");
        assertThat(VendorResultCodes.name(1801)).isEqualTo("CONFIRMATION_PENDING");
        assertThat(VendorResultCodes.name(4899)).isEqualTo("UNKNOWN_TRANSIENT_FAILURE");
    }

    @Test
    void flagRulesAndTypesParseTheirXmlNames() {
        for (FlagRule r : FlagRule.values()) {
            assertThat(FlagRule.fromXml(r.xmlToken().toUpperCase())).isEqualTo(r);
        }
        assertThatThrownBy(() -> FlagRule.fromXml("sometimes")).isInstanceOf(IllegalArgumentException.class);
        for (AvpType t : AvpType.values()) {
            assertThat(AvpType.fromJDiameterName(t.jdiameterName())).hasValue(t);
        }
        assertThat(AvpType.ADDRESS.wiresharkName()).isEqualTo("IPAddress");
        assertThat(AvpType.fromJDiameterName("IPAddress")).isEmpty();
    }

    @Test
    void collectionsAreReadOnly() {
        assertThatThrownBy(() -> d.avps().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.commands().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.applicationIds().clear()).isInstanceOf(UnsupportedOperationException.class);
        AvpDefinition feature = d.avp("MIP-Feature-Vector").orElseThrow();
        assertThatThrownBy(() -> feature.enumValues().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(d.toString()).contains("commands=34");
    }
}
