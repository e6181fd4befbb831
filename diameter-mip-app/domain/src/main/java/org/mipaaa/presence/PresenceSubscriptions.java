package org.mipaaa.presence;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which WWW server is told about which mobile node, from presence.properties (documented in the
 * shipped config/ha/presence.properties):
 *
 * <pre>
 * server.&lt;id&gt;.url=http://host:port/path
 * server.&lt;id&gt;.key=hex            (or server.&lt;id&gt;.key.file=path of a file holding the hex key)
 * node.&lt;NAI&gt;=&lt;id&gt;
 * </pre>
 *
 * A node without a line is kept in the presence book but notified to nobody.
 */
public final class PresenceSubscriptions {

    private final Map<String, WwwServer> byNai;

    public PresenceSubscriptions(Map<String, WwwServer> byNai) {
        this.byNai = Map.copyOf(byNai);
    }

    /**
     * The web origins ({@code scheme://host:port}) of every WWW server registered here: the pages that
     * may read this home agent's icons from a script (CORS), and no other.
     */
    public java.util.Set<String> origins() {
        java.util.Set<String> origins = new java.util.TreeSet<>();
        byNai.values().forEach(server -> origins.add(server.url().getScheme() + "://" + server.url().getRawAuthority()));
        return origins;
    }

    /** The WWW server registered for {@code nai}, if any. */
    public Optional<WwwServer> serverOf(String nai) {
        return Optional.ofNullable(byNai.get(nai));
    }

    public static PresenceSubscriptions load(Path file) {
        return load(file, java.util.function.UnaryOperator.identity());
    }

    /** {@code resolve}: applied to each value first (the node's {@code ${name:default}} placeholders). */
    public static PresenceSubscriptions load(Path file, java.util.function.UnaryOperator<String> resolve) {
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read presence file " + file, e);
        }
        Properties properties = new Properties();
        read.stringPropertyNames().forEach(name -> properties.setProperty(name, resolve.apply(read.getProperty(name))));
        return parse(properties, file.toAbsolutePath().getParent());
    }

    /** {@code directory}: where relative key files are looked for. */
    static PresenceSubscriptions parse(Properties properties, Path directory) {
        Map<String, WwwServer> servers = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("server.") && name.endsWith(".url")) {
                String id = name.substring("server.".length(), name.length() - ".url".length());
                servers.put(id, new WwwServer(id, URI.create(properties.getProperty(name).strip()),
                        key(properties, id, directory)));
            }
        }
        Map<String, WwwServer> byNai = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("node.")) {
                String nai = name.substring("node.".length());
                String id = properties.getProperty(name).strip();
                WwwServer server = servers.get(id);
                if (server == null) {
                    throw new IllegalArgumentException("presence: " + nai + " names WWW server '" + id + "', which has no server."
                            + id + ".url");
                }
                byNai.put(nai, server);
            }
        }
        return new PresenceSubscriptions(byNai);
    }

    private static byte[] key(Properties properties, String id, Path directory) {
        String inline = properties.getProperty("server." + id + ".key");
        String file = properties.getProperty("server." + id + ".key.file");
        String hex;
        if (file != null && !file.isBlank()) {
            try {
                hex = Files.readString(directory.resolve(file.strip()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("presence: cannot read the key file of WWW server " + id, e);
            }
        } else if (inline != null && !inline.isBlank()) {
            hex = inline;
        } else {
            throw new IllegalArgumentException("presence: WWW server " + id + " has no server." + id + ".key(.file)");
        }
        try {
            return HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("presence: the key of WWW server " + id + " is not hex");
        }
    }
}
