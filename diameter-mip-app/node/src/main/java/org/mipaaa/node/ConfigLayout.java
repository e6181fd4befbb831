package org.mipaaa.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.mipaaa.role.Role;

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
    /** In {@link #VARIANT_FILE}: the variant this one builds on (its directories and settings, unless this one has its own). */
    public static final String EXTENDS = "variant.extends";

    private final Path base;
    /** The variant's directory first, then those of the variants it extends. */
    private final List<Path> variants;
    private final Map<String, String> variantSettings = new java.util.HashMap<>();
    /** The directory of each node, by its main role. */
    private final Map<Role, Path> directories = new EnumMap<>(Role.class);
    /** The main role of the node playing each role. */
    private final Map<Role, Role> playedBy = new EnumMap<>(Role.class);

    private ConfigLayout(Path base, List<Path> variants) {
        this.base = base;
        this.variants = List.copyOf(variants);
        for (int i = variants.size() - 1; i >= 0; i--) {
            variantSettings.putAll(variantSettings(variants.get(i)));
        }
        variantSettings.remove(EXTENDS);
        for (Role role : Role.values()) {
            Optional<Path> own = variants.stream().map(v -> v.resolve(key(role))).filter(Files::isDirectory).findFirst();
            if (own.isPresent()) {
                directories.put(role, own.get());
                playedBy.put(role, role);
            }
        }
        // a role played besides a node's main one belongs to that node, unless a node of its own plays it
        // as its main role (two networks' servers each playing the other's role for visitors)
        for (Role role : Role.values()) {
            if (directories.containsKey(role)) {
                rolesIn(directories.get(role)).forEach(played -> playedBy.putIfAbsent(played, role));
            }
        }
        for (Role role : Role.values()) {
            playedBy.putIfAbsent(role, role);
            if (playedBy.get(role) == role) {
                directories.putIfAbsent(role, base.resolve(key(role)));
            } else {
                directories.remove(role);
            }
        }
    }

    /** One node per role, each from {@code configRoot/<role>/}. */
    public static ConfigLayout of(Path configRoot) {
        return new ConfigLayout(configRoot, List.of());
    }

    /**
     * The variant {@code name}: its own directories under {@code configRoot/variants/<name>/}, then those
     * of the variant it extends ({@code variant.extends}), the others from {@code configRoot}.
     */
    public static ConfigLayout variant(Path configRoot, String name) {
        List<Path> chain = new java.util.ArrayList<>();
        for (String next = name; next != null; ) {
            Path dir = configRoot.resolve(VARIANTS).resolve(next);
            if (!Files.isDirectory(dir) || chain.contains(dir)) {
                throw new IllegalArgumentException(chain.contains(dir) ? "variant " + next + " extends itself" : "no topology variant " + dir);
            }
            chain.add(dir);
            next = variantSettings(dir).get(EXTENDS);
        }
        return new ConfigLayout(configRoot, chain);
    }

    /** The main role of the node that plays {@code role}. */
    public Role nodeOf(Role role) {
        return playedBy.get(role);
    }

    /** The configuration directory of the node whose main role is {@code role}; empty when another node plays it. */
    public Optional<Path> directory(Role role) {
        return Optional.ofNullable(directories.get(role));
    }

    /** The configuration of the node that plays {@code role}, with the variant's settings and {@code overrides} (which win). */
    public ConfigSource config(Role role, Map<String, String> overrides) {
        Map<String, String> settings = new java.util.HashMap<>(variantSettings);
        settings.putAll(overrides);
        return ConfigSource.of(directory(nodeOf(role)).orElseThrow(), settings);
    }

    private static Map<String, String> variantSettings(Path variant) {
        Path file = variant.resolve(VARIANT_FILE);
        Map<String, String> settings = new java.util.HashMap<>();
        if (Files.isRegularFile(file)) {
            java.util.Properties props = new java.util.Properties();
            try (java.io.InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + file, e);
            }
            props.stringPropertyNames().forEach(k -> settings.put(k, props.getProperty(k).strip()));
        }
        return settings;
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
        return variants.isEmpty() ? base.toString() : variants.get(0).toString();
    }
}
