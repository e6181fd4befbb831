package org.mipaaa.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.role.Role;

class ConfigLayoutTest {

    @TempDir
    Path root;

    private void node(Path dir, String properties) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ConfigSource.NODE_FILE), properties);
    }

    @BeforeEach
    void fig1() throws IOException {
        for (Role role : Role.values()) {
            node(root.resolve(role.name().toLowerCase(java.util.Locale.ROOT)), "role=" + role + "\nwho=base\n");
        }
        Path variant = root.resolve(ConfigLayout.VARIANTS).resolve("aaay-on-aaah");
        node(variant.resolve("aaah"), "role=AAAH,AAAY\nwho=variant\npeer.role.x=AAAF\n");
        node(variant.resolve("terminal"), "role=TERMINAL\nwho=variant\n");
        Files.writeString(variant.resolve(ConfigLayout.VARIANT_FILE), "peer.role.x = AAAF,AAAY\nshared=yes\n");
    }

    @Test
    void withoutAVariantEachRoleIsItsOwnNodeFromItsDirectory() {
        ConfigLayout layout = ConfigLayout.of(root);
        for (Role role : Role.values()) {
            assertThat(layout.nodeOf(role)).isEqualTo(role);
            assertThat(layout.directory(role)).contains(root.resolve(role.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void aVariantsNodePlaysItsRolesAndTheOthersComeFromTheBase() {
        ConfigLayout layout = ConfigLayout.variant(root, "aaay-on-aaah");
        Path variant = root.resolve("variants/aaay-on-aaah");
        assertThat(layout.nodeOf(Role.AAAY)).isEqualTo(Role.AAAH);
        assertThat(layout.directory(Role.AAAY)).isEmpty();
        assertThat(layout.directory(Role.AAAH)).contains(variant.resolve("aaah"));
        assertThat(layout.directory(Role.TERMINAL)).contains(variant.resolve("terminal"));
        assertThat(layout.directory(Role.HA)).contains(root.resolve("ha"));
        assertThat(layout.config(Role.AAAY, Map.of()).get("who", null)).isEqualTo("variant");
        assertThat(layout.config(Role.HA, Map.of()).get("who", null)).isEqualTo("base");
    }

    @Test
    void theVariantsSettingsGoToEveryNodeOverItsOwnAndOverridesWinOverBoth() {
        ConfigLayout layout = ConfigLayout.variant(root, "aaay-on-aaah");
        assertThat(layout.config(Role.AAAH, Map.of()).get("peer.role.x", null)).isEqualTo("AAAF,AAAY");
        assertThat(layout.config(Role.FA, Map.of()).get("shared", null)).isEqualTo("yes");
        assertThat(layout.config(Role.FA, Map.of("shared", "no")).get("shared", null)).isEqualTo("no");
    }

    @Test
    void aVariantBuildsOnTheOneItExtendsWithItsOwnSettingsWinning() throws IOException {
        Path fig18 = root.resolve(ConfigLayout.VARIANTS).resolve("fig18");
        node(fig18.resolve("ha"), "role=HA\nwho=fig18\n");
        Files.writeString(fig18.resolve(ConfigLayout.VARIANT_FILE), "variant.extends=aaay-on-aaah\nshared=fig18\n");
        ConfigLayout layout = ConfigLayout.variant(root, "fig18");
        assertThat(layout.nodeOf(Role.AAAY)).isEqualTo(Role.AAAH);
        assertThat(layout.directory(Role.AAAH)).contains(root.resolve("variants/aaay-on-aaah/aaah"));
        assertThat(layout.directory(Role.HA)).contains(fig18.resolve("ha"));
        assertThat(layout.directory(Role.FA)).contains(root.resolve("fa"));
        assertThat(layout.config(Role.FA, Map.of()).get("shared", null)).isEqualTo("fig18");
        assertThat(layout.config(Role.FA, Map.of()).get("peer.role.x", null)).isEqualTo("AAAF,AAAY");
        assertThat(layout.config(Role.FA, Map.of()).get(ConfigLayout.EXTENDS, null)).isNull();
    }

    /** config/variants/roaming-both-ways: each of two servers plays the other's main role besides its own. */
    @Test
    void twoNodesPlayingEachOthersRoleEachKeepTheirOwnDirectory() throws IOException {
        Path both = root.resolve(ConfigLayout.VARIANTS).resolve("both-ways");
        node(both.resolve("aaah"), "role=AAAH,AAAF\nwho=home\n");
        node(both.resolve("aaaf"), "role=AAAF,AAAH\nwho=visited\n");
        ConfigLayout layout = ConfigLayout.variant(root, "both-ways");
        assertThat(layout.nodeOf(Role.AAAH)).isEqualTo(Role.AAAH);
        assertThat(layout.nodeOf(Role.AAAF)).isEqualTo(Role.AAAF);
        assertThat(layout.directory(Role.AAAH)).contains(both.resolve("aaah"));
        assertThat(layout.directory(Role.AAAF)).contains(both.resolve("aaaf"));
        assertThat(layout.config(Role.AAAF, Map.of()).get("who", null)).isEqualTo("visited");
    }

    @Test
    void aVariantExtendingItselfIsRefused() throws IOException {
        Path loop = root.resolve(ConfigLayout.VARIANTS).resolve("loop");
        Files.createDirectories(loop);
        Files.writeString(loop.resolve(ConfigLayout.VARIANT_FILE), "variant.extends=loop\n");
        assertThatThrownBy(() -> ConfigLayout.variant(root, "loop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extends itself");
    }

    @Test
    void anUnknownVariantIsRefusedByName() {
        assertThatThrownBy(() -> ConfigLayout.variant(root, "nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere");
    }
}
