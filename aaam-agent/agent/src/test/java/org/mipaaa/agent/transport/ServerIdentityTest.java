package org.mipaaa.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerIdentityTest {

    @Test
    void theCommonNameOfAnRfc2253NameWhereverItStands() {
        assertThat(ServerIdentity.commonName("CN=aaah.home.example,O=mip-aaa")).contains("aaah.home.example");
        assertThat(ServerIdentity.commonName("O=mip-aaa,CN=aaah.home.example")).contains("aaah.home.example");
        assertThat(ServerIdentity.commonName("cn=AAAH.home.example")).contains("AAAH.home.example");
    }

    @Test
    void anEscapedSeparatorIsPartOfTheValueNotTheEndOfIt() {
        assertThat(ServerIdentity.commonName("O=a\\,CN=fake,CN=real.example")).contains("real.example");
        assertThat(ServerIdentity.commonName("CN=a\\,b,O=x")).contains("a,b");
    }

    @Test
    void noCommonNameIsNone() {
        assertThat(ServerIdentity.commonName("O=mip-aaa,C=DE")).isEmpty();
        assertThat(ServerIdentity.commonName("")).isEmpty();
    }
}
