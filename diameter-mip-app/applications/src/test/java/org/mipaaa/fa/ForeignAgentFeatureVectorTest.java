package org.mipaaa.fa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mipaaa.dictionary.Enumerations.MIP_FEATURE_VECTOR_HOME_ADDRESS_ALLOCATABLE_ONLY_IN_HOME_REALM;
import static org.mipaaa.dictionary.Enumerations.MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED;
import static org.mipaaa.dictionary.Enumerations.MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST;
import static org.mipaaa.dictionary.Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST;
import static org.mipaaa.dictionary.Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.RequestFlag;

/** The foreign agent's MIP-Feature-Vector as RFC 4004 §7.5 and §3.2 set it from the Registration Request. */
class ForeignAgentFeatureVectorTest {

    private static RegistrationRequest request(String homeAddress, String homeAgent) {
        return RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 1800, Ipv4.parse(homeAddress), Ipv4.parse(homeAgent),
                Ipv4.parse("192.0.2.10"), 1L);
    }

    @Test
    void aValidHomeAddressAndHomeAgentRequestNothingButTheKeysTheNodeAsks() {
        assertThat(ForeignAgent.featureVector(request("10.1.0.5", "10.1.0.1"), true, true))
                .isEqualTo(MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST | MIP_FEATURE_VECTOR_MN_FA_KEY_REQUEST);
        assertThat(ForeignAgent.featureVector(request("10.1.0.5", "10.1.0.1"), false, false)).isZero();
    }

    @Test
    void aHomeAddressOfZeroOrAllOnesIsRequestedWithMnHaKeys() {
        long expected = MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED | MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST;
        assertThat(ForeignAgent.featureVector(request("0.0.0.0", "10.1.0.1"), false, false)).isEqualTo(expected);
        assertThat(ForeignAgent.featureVector(request("255.255.255.255", "10.1.0.1"), false, false)).isEqualTo(expected);
    }

    @Test
    void aHomeAgentOfAllOnesIsOneInTheHomeRealmOnlyAndOfZeroOneAnywhere() {
        assertThat(ForeignAgent.featureVector(request("10.1.0.5", "255.255.255.255"), false, false))
                .isEqualTo(MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED | MIP_FEATURE_VECTOR_HOME_ADDRESS_ALLOCATABLE_ONLY_IN_HOME_REALM
                        | MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST);
        assertThat(ForeignAgent.featureVector(request("10.1.0.5", "0.0.0.0"), false, false))
                .isEqualTo(MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED | MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST);
    }
}
