package org.mipaaa.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role's configuration directory: {@code jdiameter.xml} (jDiameter's own format) and
 * {@code node.properties} (this application's settings).
 *
 * <p>Both may hold {@code ${name:default}} placeholders. A value is taken, first found wins, from the
 * overrides given by the caller (test fixtures pick free ports this way), from JVM system properties
 * ({@code -Daaah.port=13868}), from {@code node.properties}, then from the placeholder's default. One
 * mechanism for both files keeps a port or the carrier's vendor id in one place.
 */
public final class ConfigSource {

    public static final String JDIAMETER_FILE = "jdiameter.xml";
    public static final String NODE_FILE = "node.properties";

    private static final Pattern LOCAL_URI = Pattern.compile("<URI\\s+value=\"aaas?://([^:/\"]+):(\\d+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::([^}]*))?}");

    private final Path directory;
    private final Map<String, String> values;

    private ConfigSource(Path directory, Map<String, String> values) {
        this.directory = directory;
        this.values = values;
    }

    /** Reads {@code node.properties} of {@code directory}; {@code overrides} win over everything else. */
    public static ConfigSource of(Path directory, Map<String, String> overrides) {
        Properties fileProps = new Properties();
        Path nodeFile = directory.resolve(NODE_FILE);
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
        // node.properties values may themselves use placeholders (e.g. vendor.id=${carrier.vendor.id:32473})
        Map<String, String> resolved = new HashMap<>();
        ConfigSource raw = new ConfigSource(directory, merged);
        merged.forEach((k, v) -> resolved.put(k, raw.resolve(v, k)));
        return new ConfigSource(directory, resolved);
    }

    public Path directory() {
        return directory;
    }

    /** A setting, or {@code defaultValue} when it is not set anywhere. */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** The keys of all settings that start with {@code prefix}. */
    public java.util.List<String> keys(String prefix) {
        return values.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    public String require(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing setting '" + key + "' in " + directory.resolve(NODE_FILE));
        }
        return v;
    }

    /** {@code jdiameter.xml} with every placeholder resolved, ready for jDiameter's XML parser. */
    public String jdiameterXml() {
        Path file = directory.resolve(JDIAMETER_FILE);
        try {
            return resolve(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The node's own DiameterIdentity: the host of {@code LocalPeer/URI} in jdiameter.xml. */
    public String localHost() {
        return localUri().group(1);
    }

    /** The port of {@code LocalPeer/URI} in jdiameter.xml: where the node accepts plain TCP. */
    public String localPort() {
        return localUri().group(2);
    }

    private Matcher localUri() {
        Matcher m = LOCAL_URI.matcher(jdiameterXml());
        if (!m.find()) {
            throw new IllegalArgumentException("no LocalPeer URI in " + directory.resolve(JDIAMETER_FILE));
        }
        return m;
    }

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
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals(definedKey) ? null : values.get(key);
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
