package org.mipaaa.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where each node of a topology finds its configuration directory: {@code config/<role>/} (one node
 * per role), or, for a topology variant, {@code config/variants/<name>/<role>/} where the variant
 * changes a node. A variant's node may play several roles ({@code role=AAAF,AAAY}): the roles it
 * plays besides its main one have no node, and no directory, of their own. A variant's
 * {@code variant.properties} holds settings every node of the variant takes, over its node.properties
 * (what the unchanged nodes must know of the changed ones: {@code peer.role.<host>=AAAF,AAAY}).
 */
public final class ConfigLayout {

    /** The variants' directories under the configuration root. */
    public static final String VARIANTS = "variants";
    /** A variant's settings for all its nodes. */
    public static final String VARIANT_FILE = "variant.properties";

    private final Path base;
    private final Path variant;
    private final Map<String, String> variantSettings = new java.util.HashMap<>();
    /** The main role of the node playing each role. */
    private final Map<Role, Role> playedBy = new EnumMap<>(Role.class);

    private ConfigLayout(Path base, Path variant) {
        this.base = base;
        this.variant = variant;
        if (variant != null) {
            loadVariantSettings(variant.resolve(VARIANT_FILE));
            for (Role role : Role.values()) {
                Path dir = variant.resolve(key(role));
                if (Files.isDirectory(dir)) {
                    rolesIn(dir).forEach(played -> playedBy.put(played, role));
                }
            }
        }
        for (Role role : Role.values()) {
            playedBy.putIfAbsent(role, role);
        }
    }

    /** One node per role, each from {@code configRoot/<role>/}. */
    public static ConfigLayout of(Path configRoot) {
        return new ConfigLayout(configRoot, null);
    }

    /** The variant {@code name}: its own directories under {@code configRoot/variants/<name>/}, the others from {@code configRoot}. */
    public static ConfigLayout variant(Path configRoot, String name) {
        Path dir = configRoot.resolve(VARIANTS).resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no topology variant " + dir);
        }
        return new ConfigLayout(configRoot, dir);
    }

    /** The main role of the node that plays {@code role}. */
    public Role nodeOf(Role role) {
        return playedBy.get(role);
    }

    /** The configuration directory of the node whose main role is {@code role}; empty when another node plays it. */
    public Optional<Path> directory(Role role) {
        if (nodeOf(role) != role) {
            return Optional.empty();
        }
        if (variant != null && Files.isDirectory(variant.resolve(key(role)))) {
            return Optional.of(variant.resolve(key(role)));
        }
        return Optional.of(base.resolve(key(role)));
    }

    /** The configuration of the node that plays {@code role}, with the variant's settings and {@code overrides} (which win). */
    public ConfigSource config(Role role, Map<String, String> overrides) {
        Map<String, String> settings = new java.util.HashMap<>(variantSettings);
        settings.putAll(overrides);
        return ConfigSource.of(directory(nodeOf(role)).orElseThrow(), settings);
    }

    private void loadVariantSettings(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        java.util.Properties props = new java.util.Properties();
        try (java.io.InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        props.stringPropertyNames().forEach(k -> variantSettings.put(k, props.getProperty(k).strip()));
    }

    /** The roles a configuration directory's {@code role=} names, the main one first. */
    private static List<Role> rolesIn(Path dir) {
        return Role.parseList(ConfigSource.of(dir, Map.of()).require("role"));
    }

    private static String key(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return variant == null ? base.toString() : variant.toString();
    }
}
