package org.mipaaa.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mipaaa.install.ExtendedConfiguration;
import org.mipaaa.install.InstallSettings;
import org.mipaaa.role.Role;
import org.mipaaa.settings.Settings;

/**
 * Checks a role's configuration directory without starting anything ({@code mip-aaa config check DIR}):
 * both files there, every key of node.properties one the node knows (a typo is named with the closest
 * known key), every value readable, the files it names present, jdiameter.xml readable by jDiameter.
 * The node runs the key check at start too, and warns.
 *
 * <p>The keys a role knows are those of its shipped {@code config/<role>/node.properties} (set or
 * commented out, as {@code #key=}), which the build puts in the jar; {@code peer.role.<host>} takes
 * any host.
 */
public final class ConfigCheck {

    private static final Pattern KEY_LINE = Pattern.compile("^#?([a-z][a-z0-9]*(?:[.\\-][a-z0-9]+)*)\\s*=");
    private static final List<String> ANY_SUFFIX = List.of("peer.role.");

    private ConfigCheck() {
    }

    /** A key of the file that no role of the node knows, and the known key it is closest to, if any is close. */
    public record UnknownKey(String key, Optional<String> closest) {
        @Override
        public String toString() {
            return "unknown key '" + key + "'" + closest.map(c -> " (did you mean '" + c + "'?)").orElse("");
        }
    }

    /** The keys of {@code settings}' file that none of {@code roles} knows. */
    public static List<UnknownKey> unknownKeys(Settings settings, List<Role> roles) {
        Set<String> known = new TreeSet<>();
        roles.forEach(r -> known.addAll(knownKeys(r)));
        List<UnknownKey> unknown = new ArrayList<>();
        for (String key : settings.fileKeys()) {
            if (!known.contains(key) && ANY_SUFFIX.stream().noneMatch(key::startsWith)) {
                unknown.add(new UnknownKey(key, closest(key, known)));
            }
        }
        return unknown;
    }

    /** The keys {@code role} knows: those of its shipped node.properties, set or commented out. */
    public static Set<String> knownKeys(Role role) {
        String resource = "reference/" + role.name().toLowerCase(Locale.ROOT) + "/" + Settings.FILE;
        try (InputStream in = ConfigCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource + " (the build copies config/<role>/node.properties)");
            }
            Set<String> keys = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = KEY_LINE.matcher(line.strip());
                if (m.find()) {
                    keys.add(m.group(1));
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every problem of the role directory {@code directory}, each one line naming the file; empty when
     * the node would start from it (as far as can be told without opening its ports and state).
     */
    public static List<String> problems(Path directory) {
        List<String> problems = new ArrayList<>();
        Path properties = directory.resolve(ConfigSource.NODE_FILE);
        Path xml = directory.resolve(ConfigSource.JDIAMETER_FILE);
        if (!Files.isRegularFile(properties)) {
            problems.add(properties + ": missing (a role's directory holds node.properties and jdiameter.xml)");
            return problems;
        }
        if (!Files.isRegularFile(xml)) {
            problems.add(xml + ": missing (a role's directory holds node.properties and jdiameter.xml)");
        }
        ConfigSource config;
        List<Role> roles;
        try {
            config = ConfigSource.of(directory, java.util.Map.of());
            roles = Role.parseList(config.require("role"));
        } catch (RuntimeException e) {
            problems.add(message(e));
            return problems;
        }
        unknownKeys(config.settings(), roles).forEach(u -> problems.add(properties + ": " + u));
        NodeSettings settings = null;
        try {
            settings = NodeSettings.from(config);
        } catch (RuntimeException e) {
            problems.add(message(e));
        }
        if (settings != null) {
            InstallSettings install = settings.install();
            requireFile(problems, properties, "state.config", install.stateConfig());
            requireFile(problems, properties, "policy.file", install.policyFile());
            if (settings.transport().tls() != null) {
                requireFile(problems, properties, "tls.keystore", settings.transport().tls().keyStore());
                requireFile(problems, properties, "tls.truststore", settings.transport().tls().trustStore());
            }
        }
        if (Files.isRegularFile(xml)) {
            try {
                new ExtendedConfiguration(config.jdiameterXml(), null, null, null);
            } catch (Exception e) {
                problems.add(xml + ": " + message(e));
            }
        }
        return problems;
    }

    private static void requireFile(List<String> problems, Path properties, String key, Path file) {
        if (!Files.isRegularFile(file)) {
            problems.add(properties + ": " + key + " names " + file + ", which does not exist");
        }
    }

    /** The message of {@code e} and of each cause that adds something, on one line. */
    public static String message(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(m);
            }
        }
        return out.toString().replace('\n', ' ');
    }

    private record Candidate(String key, int distance) {
    }

    private static Optional<String> closest(String key, Set<String> known) {
        return known.stream()
                .map(k -> new Candidate(k, distance(key, k)))
                .filter(c -> c.distance() <= Math.max(2, key.length() / 4))
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::key);
    }

    /** Levenshtein distance: edits that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
