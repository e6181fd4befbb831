package org.mipaaa.presence.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The presence page's configuration (config/www/presence-page.properties documents the format): where
 * it listens, the keys of the home agents that notify it, and the terminals it shows, in order.
 *
 * @param listenAddress where the page listens (loopback by default)
 * @param port          its TCP port; 0 picks a free one
 * @param haKeys        key id -> HMAC-SHA256 key shared with that home agent (its presence.properties)
 * @param terminals     the terminals shown, in the page's order
 * @param iconRefresh   how often the page fetches again the icons served by home agents (§10.4)
 * @param maxNotificationAge a notification older than this is not shown ({@code notification.max.age.s}, 600):
 *                      a signed notification replayed after the page restarted (when it no longer knows
 *                      the node's last sequence) cannot bring back an old state
 * @param maxBrowsers   browsers following the page at once ({@code max.browsers}, 200); more are answered 503
 */
public record PageSettings(InetAddress listenAddress, int port, Map<String, byte[]> haKeys, List<Terminal> terminals,
                           java.time.Duration iconRefresh, java.time.Duration maxNotificationAge, int maxBrowsers) {

    private static final int MAX_PICTURE_BYTES = 1 << 20;
    private static final Map<String, String> PICTURE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "gif", "image/gif", "webp", "image/webp");

    public PageSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("presence page: port " + port + " out of range");
        }
        haKeys = Map.copyOf(haKeys);
        terminals = List.copyOf(terminals);
        if (iconRefresh.toMillis() < 100) {
            throw new IllegalArgumentException("presence page: icons.refresh.ms below 100");
        }
        if (maxBrowsers < 1) {
            throw new IllegalArgumentException("presence page: max.browsers below 1");
        }
    }

    public PageSettings(InetAddress listenAddress, int port, Map<String, byte[]> haKeys, List<Terminal> terminals) {
        this(listenAddress, port, haKeys, terminals, java.time.Duration.ofSeconds(3), java.time.Duration.ofMinutes(10), 200);
    }

    /** The same settings listening on {@code otherPort} (0: a free one), for tests and the demo. */
    public PageSettings withPort(int otherPort) {
        return new PageSettings(listenAddress, otherPort, haKeys, terminals, iconRefresh, maxNotificationAge, maxBrowsers);
    }

    /** The origins of the home agents' icon endpoints the page may load from (its Content-Security-Policy). */
    public List<String> iconOrigins() {
        return terminals.stream().flatMap(t -> t.haIcon().stream())
                .map(u -> u.getScheme() + "://" + u.getRawAuthority()).distinct().sorted().toList();
    }

    public Optional<Terminal> terminal(String nai) {
        return terminals.stream().filter(t -> t.nai().equals(nai)).findFirst();
    }

    public static PageSettings load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read presence page settings " + file, e);
        }
        return parse(properties, file.toAbsolutePath().getParent());
    }

    /** {@code directory}: where relative key and picture files are looked for. */
    static PageSettings parse(Properties p, Path directory) {
        InetAddress address;
        try {
            address = InetAddress.getByName(p.getProperty("listen.address", "127.0.0.1").strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("presence page: listen.address is not an address", e);
        }
        int port = Integer.parseInt(p.getProperty("listen.port", "8088").strip());
        Map<String, byte[]> keys = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("ha.") && (name.endsWith(".key") || name.endsWith(".key.file"))) {
                String id = name.substring("ha.".length(), name.length() - (name.endsWith(".key") ? ".key".length() : ".key.file".length()));
                keys.putIfAbsent(id, key(p, id, directory));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("presence page: no home agent key (ha.<id>.key)");
        }
        Map<String, Terminal> terminals = new LinkedHashMap<>();
        for (String nai : p.getProperty("terminals", "").split(",")) {
            if (!nai.isBlank()) {
                terminals.put(nai.strip(), terminal(p, nai.strip(), keys, directory));
            }
        }
        if (terminals.isEmpty()) {
            throw new IllegalArgumentException("presence page: no terminals listed (terminals=<NAI>,<NAI>...)");
        }
        return new PageSettings(address, port, keys, new ArrayList<>(terminals.values()),
                java.time.Duration.ofMillis(Long.parseLong(p.getProperty("icons.refresh.ms", "3000").strip())),
                java.time.Duration.ofSeconds(Long.parseLong(p.getProperty("notification.max.age.s", "600").strip())),
                Integer.parseInt(p.getProperty("max.browsers", "200").strip()));
    }

    private static Terminal terminal(Properties p, String nai, Map<String, byte[]> keys, Path directory) {
        String prefix = "terminal." + nai + ".";
        String name = p.getProperty(prefix + "name", nai).strip();
        String ha = p.getProperty(prefix + "ha", keys.size() == 1 ? keys.keySet().iterator().next() : "").strip();
        if (!keys.containsKey(ha)) {
            throw new IllegalArgumentException("presence page: terminal " + nai + " names home agent '" + ha + "', which has no ha."
                    + ha + ".key");
        }
        String call = p.getProperty(prefix + "call", "sip:" + nai).strip();
        Optional<Terminal.Picture> picture = Optional.ofNullable(p.getProperty(prefix + "picture"))
                .map(String::strip).filter(s -> !s.isEmpty()).map(f -> picture(nai, directory.resolve(f)));
        String text = p.getProperty(prefix + "text", initials(name)).strip();
        Optional<URI> haIcon = Optional.ofNullable(p.getProperty("ha." + ha + ".icons.url")).map(String::strip).filter(s -> !s.isEmpty())
                .map(base -> iconOf(ha, base, nai));
        return new Terminal(nai, name, picture, text, URI.create(call), ha, haIcon);
    }

    /** The icon of {@code nai} under the home agent's icon base URL ({@code http://host:port/presence/}). */
    private static URI iconOf(String ha, String base, String nai) {
        URI uri = URI.create(base.endsWith("/") ? base : base + "/");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("presence page: ha." + ha + ".icons.url must be an http(s) URL: " + base);
        }
        if (nai.contains("/") || nai.contains("?") || nai.contains("#")) {
            throw new IllegalArgumentException("presence page: NAI " + nai + " cannot be put in an icon URL");
        }
        return uri.resolve("./" + nai + "/icon.svg");
    }

    private static Terminal.Picture picture(String nai, Path file) {
        String fileName = file.getFileName().toString();
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = PICTURE_TYPES.get(extension);
        if (type == null) {
            throw new IllegalArgumentException("presence page: the picture of " + nai + " must be png, jpeg, gif or webp: " + file);
        }
        try {
            if (Files.size(file) > MAX_PICTURE_BYTES) {
                throw new IllegalArgumentException("presence page: the picture of " + nai + " is larger than 1 MiB: " + file);
            }
            return new Terminal.Picture(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("presence page: cannot read the picture of " + nai, e);
        }
    }

    private static String initials(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("\\s+")) {
            if (!word.isEmpty() && out.length() < 2) {
                out.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
            }
        }
        return out.toString();
    }

    private static byte[] key(Properties p, String id, Path directory) {
        String file = p.getProperty("ha." + id + ".key.file");
        String hex;
        if (file != null && !file.isBlank()) {
            try {
                hex = Files.readString(directory.resolve(file.strip()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("presence page: cannot read the key file of home agent " + id, e);
            }
        } else {
            hex = p.getProperty("ha." + id + ".key", "");
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("presence page: the key of home agent " + id + " is not hex");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("presence page: the key of home agent " + id + " is shorter than 16 bytes");
        }
        return key;
    }

    @Override
    public String toString() {
        return "PageSettings[" + listenAddress.getHostAddress() + ":" + port + ", home agents " + haKeys.keySet() + ", "
                + terminals.size() + " terminals]"; // never the keys
    }
}
