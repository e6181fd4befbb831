package org.mipaaa.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mipaaa.settings.Settings;

/**
 * A role's configuration directory: {@code jdiameter.xml} (jDiameter's own format) and
 * {@code node.properties} (this application's {@link Settings}).
 *
 * <p>Both may hold {@code ${name:default}} placeholders, resolved the same way (see {@link Settings}):
 * one mechanism for both files keeps a port or the carrier's vendor id in one place.
 */
public final class ConfigSource {

    public static final String JDIAMETER_FILE = "jdiameter.xml";
    public static final String NODE_FILE = Settings.FILE;

    private static final Pattern LOCAL_URI = Pattern.compile("<URI\\s+value=\"aaas?://([^:/\"]+):(\\d+)");

    private final Settings settings;

    private ConfigSource(Settings settings) {
        this.settings = settings;
    }

    /**
     * Reads {@code node.properties} of {@code directory}; {@code overrides} win over everything else. A
     * directory without that file is an error, not a node with no settings.
     */
    public static ConfigSource of(Path directory, Map<String, String> overrides) {
        if (!Files.isRegularFile(directory.resolve(NODE_FILE))) {
            throw new IllegalArgumentException(directory.resolve(NODE_FILE) + " is missing: a role's configuration directory"
                    + " holds node.properties and jdiameter.xml (see config/)");
        }
        return new ConfigSource(Settings.of(directory, overrides));
    }

    /** The application's settings ({@code node.properties}). */
    public Settings settings() {
        return settings;
    }

    public Path directory() {
        return settings.directory();
    }

    /** A setting, or {@code defaultValue} when it is not set anywhere. */
    public String get(String key, String defaultValue) {
        return settings.get(key, defaultValue);
    }

    /** The keys of all settings that start with {@code prefix}. */
    public java.util.List<String> keys(String prefix) {
        return settings.keys(prefix);
    }

    public String require(String key) {
        return settings.require(key);
    }

    /** {@code jdiameter.xml} with every placeholder resolved, ready for jDiameter's XML parser. */
    public String jdiameterXml() {
        Path file = directory().resolve(JDIAMETER_FILE);
        try {
            return settings.resolve(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read" + (Files.exists(file) ? "" : " (missing)"), e);
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
            throw new IllegalArgumentException("no LocalPeer URI in " + directory().resolve(JDIAMETER_FILE));
        }
        return m;
    }

    /** Replaces every placeholder of {@code text}; an unset placeholder without default is an error. */
    public String resolve(String text) {
        return settings.resolve(text);
    }
}
