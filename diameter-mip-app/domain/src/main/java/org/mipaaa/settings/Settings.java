package org.mipaaa.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's settings of one node: {@code node.properties} of its directory, the directory the
 * data files it names are relative to.
 *
 * <p>Values may hold {@code ${name:default}} placeholders. A value is taken, first found wins, from the
 * overrides given by the caller (test fixtures pick free ports this way), from JVM system properties
 * ({@code -Daaah.port=13868}), from {@code node.properties}, then from the placeholder's default.
 */
public final class Settings {

    public static final String FILE = "node.properties";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::([^}]*))?}");

    private final Path directory;
    private final Map<String, String> values;
    /** The keys written in node.properties itself (not overrides or system properties). */
    private final java.util.Set<String> fileKeys;

    private Settings(Path directory, Map<String, String> values, java.util.Set<String> fileKeys) {
        this.directory = directory;
        this.values = values;
        this.fileKeys = fileKeys;
    }

    /** Reads {@code node.properties} of {@code directory}; {@code overrides} win over everything else. */
    public static Settings of(Path directory, Map<String, String> overrides) {
        Properties fileProps = new Properties();
        Path nodeFile = directory.resolve(FILE);
        if (Files.isRegularFile(nodeFile)) {
            try (InputStream in = Files.newInputStream(nodeFile)) {
                fileProps.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + nodeFile, e);
            }
        }
        Map<String, String> merged = new HashMap<>();
        fileProps.stringPropertyNames().forEach(k -> merged.put(k, fileProps.getProperty(k)));
        System.getProperties().stringPropertyNames().forEach(k -> merged.put(k, System.getProperty(k)));
        merged.putAll(overrides);
        return resolved(directory, merged, fileProps.stringPropertyNames());
    }

    /** Settings from {@code values} alone (no file, no system properties): for embedders and tests. */
    public static Settings ofValues(Path directory, Map<String, String> values) {
        return resolved(directory, new HashMap<>(values), java.util.Set.of());
    }

    private static Settings resolved(Path directory, Map<String, String> merged, java.util.Set<String> fileKeys) {
        // values may themselves use placeholders (e.g. vendor.id=${carrier.vendor.id:32473})
        Map<String, String> resolved = new HashMap<>();
        Settings raw = new Settings(directory, merged, java.util.Set.of());
        merged.forEach((k, v) -> resolved.put(k, raw.resolve(v, k)));
        return new Settings(directory, Map.copyOf(resolved), java.util.Set.copyOf(fileKeys));
    }

    /** The file the settings were read from ({@code node.properties} of {@link #directory()}). */
    public Path file() {
        return directory.resolve(FILE);
    }

    /** The keys written in the file itself, sorted (what a typo can be in). */
    public List<String> fileKeys() {
        return fileKeys.stream().sorted().toList();
    }

    /** An integer setting, or {@code defaultValue}; a value that is not one is an error naming the key and the file. */
    public int integer(String key, int defaultValue) {
        long v = longValue(key, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(key, Long.toString(v), "a whole number of at most " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** A long setting, or {@code defaultValue}; a value that is not one is an error naming the key and the file. */
    public long longValue(String key, long defaultValue) {
        String v = get(key, null);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a whole number");
        }
    }

    /** A true/false setting, or {@code defaultValue}; anything but true or false is an error (not silently false). */
    public boolean bool(String key, boolean defaultValue) {
        String v = get(key, null);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "true or false");
        };
    }

    /** A duration in milliseconds, or {@code defaultMillis}; as {@link #integer}. */
    public java.time.Duration millis(String key, long defaultMillis) {
        long ms = longValue(key, defaultMillis);
        if (ms < 0) {
            throw invalid(key, Long.toString(ms), "a duration in milliseconds, 0 or more");
        }
        return java.time.Duration.ofMillis(ms);
    }

    /** The error for a value of {@code key} that is not {@code expected}: names the file and the key. */
    public IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(file() + ": " + key + "=" + value.strip() + " is not " + expected);
    }

    /** The directory the settings came from: data files they name are relative to it. */
    public Path directory() {
        return directory;
    }

    /** A setting, or {@code defaultValue} when it is not set anywhere. */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** The keys of all settings that start with {@code prefix}. */
    public List<String> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    public String require(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file() + ": missing setting '" + key + "'");
        }
        return v;
    }

    /** A file named by setting {@code key} (default {@code defaultName}), relative to {@link #directory()}. */
    public Path file(String key, String defaultName) {
        return directory.resolve(get(key, defaultName)).normalize();
    }

    /** How many settings deep a placeholder is followed (a cycle of settings is an error, not a hang). */
    private static final int MAX_DEPTH = 8;

    /** Replaces every placeholder of {@code text}; an unset placeholder without default is an error. */
    public String resolve(String text) {
        return resolve(text, null);
    }

    /**
     * The same for the value of setting {@code definedKey}: a placeholder naming that setting itself
     * ({@code fa.udp.port=${fa.udp.port:434}}, "overridable, else 434") takes its default, since the
     * only value it could find is this very text; an override or system property of the setting has
     * already replaced the text before it is resolved.
     */
    private String resolve(String text, String definedKey) {
        return resolve(text, definedKey, 0);
    }

    /**
     * {@code depth}: how many settings deep this text was found. A placeholder naming another setting
     * takes that setting's value resolved the same way ({@code fa.home.agents=...:${ha.udp.port:434}} in a
     * file that sets {@code ha.udp.port=${ha.udp.port:434}} too), at most {@value #MAX_DEPTH} deep.
     */
    private String resolve(String text, String definedKey, int depth) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals(definedKey) ? null : values.get(key);
            if (value != null && value.contains("${")) {
                if (depth >= MAX_DEPTH) {
                    throw new IllegalArgumentException("placeholder ${" + key + "} refers to itself through other settings (" + directory + ")");
                }
                value = resolve(value, key, depth + 1);
            }
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new IllegalArgumentException("placeholder ${" + key + "} has no value and no default (" + directory + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
