package org.mipaaa.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jdiameter.client.impl.helpers.Parameters;
import org.jdiameter.server.impl.helpers.XMLConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.role.Role;

class ConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void placeholdersTakeOverridesThenNodePropertiesThenTheirDefault() throws Exception {
        Files.writeString(dir.resolve("node.properties"), "role=AAAH\nport=3868\nvendor.id=${carrier.vendor.id:32473}\n");
        Files.writeString(dir.resolve("jdiameter.xml"), "<a p='${port:1}' q='${other:7}' v='${vendor.id}' o='${forced:0}'/>");

        ConfigSource source = ConfigSource.of(dir, Map.of("forced", "42"));

        assertThat(source.jdiameterXml()).isEqualTo("<a p='3868' q='7' v='32473' o='42'/>");
    }

    @Test
    void aNodePropertyCanItselfBeOverriddenThroughItsPlaceholder() throws Exception {
        Files.writeString(dir.resolve("node.properties"), "vendor.id=${carrier.vendor.id:32473}\n");

        ConfigSource source = ConfigSource.of(dir, Map.of("carrier.vendor.id", "99999"));

        assertThat(source.get("vendor.id", null)).isEqualTo("99999");
    }

    @Test
    void aSettingNamedInItsOwnPlaceholderTakesItsDefaultUnlessSomethingSetsIt() throws Exception {
        // config/fa: fa.udp.port=${fa.udp.port:434}; read as its own raw text, it was "${fa.udp.port:434}"
        Files.writeString(dir.resolve("node.properties"), "fa.udp.port=${fa.udp.port:434}\n");

        assertThat(ConfigSource.of(dir, Map.of()).get("fa.udp.port", null)).isEqualTo("434");
        assertThat(ConfigSource.of(dir, Map.of("fa.udp.port", "20434")).get("fa.udp.port", null)).isEqualTo("20434");
    }

    @Test
    void aPlaceholderNamingAnotherSettingTakesThatSettingsResolvedValue_andACycleIsAnError() throws Exception {
        // config/variants/roaming-both-ways/ha: the foreign agent shares the home agent's port
        Files.writeString(dir.resolve("node.properties"), "ha.udp.port=${ha.udp.port:434}\nfa.udp.port=${ha.udp.port:434}\n"
                + "fa.home.agents=10.2.0.1=127.0.0.1:${ha.udp.port:434}\n");

        assertThat(ConfigSource.of(dir, Map.of()).get("fa.home.agents", null)).isEqualTo("10.2.0.1=127.0.0.1:434");
        assertThat(ConfigSource.of(dir, Map.of()).get("fa.udp.port", null)).isEqualTo("434");
        assertThat(ConfigSource.of(dir, Map.of("ha.udp.port", "20434")).get("fa.udp.port", null)).isEqualTo("20434");

        Files.writeString(dir.resolve("node.properties"), "a=${b}\nb=${a}\n");
        assertThatThrownBy(() -> ConfigSource.of(dir, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refers to itself");
    }

    @Test
    void aPlaceholderWithoutValueOrDefaultIsAnError() throws Exception {
        Files.writeString(dir.resolve("node.properties"), "role=AAAH\n");
        Files.writeString(dir.resolve("jdiameter.xml"), "<a p='${nowhere}'/>");

        assertThatThrownBy(() -> ConfigSource.of(dir, Map.of()).jdiameterXml())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere");
    }

    /** Every node directory shipped under config/: one per role, and those of the topology variants. */
    private static java.util.List<Path> shippedNodeDirectories() throws java.io.IOException {
        try (var walk = Files.walk(Path.of("../../config"))) {
            java.util.List<Path> dirs = walk.filter(p -> p.getFileName().toString().equals(ConfigSource.NODE_FILE))
                    .map(Path::getParent).sorted().toList();
            assertThat(dirs).hasSizeGreaterThan(Role.values().length);
            return dirs;
        }
    }

    @Test
    void everyShippedNodeConfigurationResolvesAndItsDirectoryIsNamedAfterItsMainRole() throws Exception {
        for (Path dir : shippedNodeDirectories()) {
            ConfigSource source = ConfigSource.of(dir, Map.of());
            assertThat(NodeSettings.from(source).role().name().toLowerCase(java.util.Locale.ROOT)).as(dir.toString())
                    .isEqualTo(dir.getFileName().toString());
            assertThat(source.jdiameterXml()).as(dir.toString()).doesNotContain("${");
            for (String key : source.keys("")) {
                assertThat(source.get(key, "")).as(dir + " " + key).doesNotContain("${");
            }
        }
    }

    @Test
    void everyShippedNodeRunsOnePeerStateMachineThreadSoNoCapabilitiesAnswerIsDropped() throws Exception {
        for (Path dir : shippedNodeDirectories()) {
            ConfigSource source = ConfigSource.of(dir, Map.of());
            XMLConfiguration parsed = new XMLConfiguration(
                    new java.io.ByteArrayInputStream(source.jdiameterXml().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(parsed.getIntValue(Parameters.PeerFSMThreadCount.ordinal(), -1)).as(dir.toString()).isEqualTo(1);
        }
    }
}
