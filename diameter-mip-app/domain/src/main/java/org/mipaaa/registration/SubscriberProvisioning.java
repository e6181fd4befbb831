package org.mipaaa.registration;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaAlgorithm;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions a {@link SubscriberDirectory} from a subscriber file (the AAAH's
 * {@code config/aaah/subscribers.properties}). The file is the truth: loading it adds and replaces
 * every subscriber it lists and removes those it no longer lists.
 *
 * <p>Format: Java properties (UTF-8), one group of settings per subscriber, named
 * {@code subscriber.<NAI>.<setting>}:
 *
 * <table>
 * <caption>settings of one subscriber</caption>
 * <tr><th>setting</th><th></th><th>meaning</th></tr>
 * <tr><td>{@code spi}</td><td>required</td><td>the MN-AAA SPI (RFC 4721 §6): 256 or more for HMAC-MD5,
 *     2 (CHAP_SPI, RFC 4721 §9) for the CHAP-style algorithm</td></tr>
 * <tr><td>{@code algorithm}</td><td>optional</td><td>{@code HMAC_MD5} or {@code CHAP_MD5}
 *     ({@link MnAaaAlgorithm}); by default the one the SPI selects</td></tr>
 * <tr><td>{@code key.hex}</td><td rowspan="2">exactly one</td><td>the AAA-key in hex digits (spaces and
 *     colons ignored)</td></tr>
 * <tr><td>{@code key.file}</td><td>a file (relative to the subscriber file) holding the AAA-key as hex
 *     text, so the keys can live apart from this file, with tighter permissions</td></tr>
 * <tr><td>{@code realm}</td><td>optional</td><td>the home realm; by default the NAI's part after '@'</td></tr>
 * <tr><td>{@code home.address}</td><td>optional</td><td>a fixed home address; by default one from the
 *     pool</td></tr>
 * <tr><td>{@code home.agent}</td><td>optional</td><td>the address of the node's home agent</td></tr>
 * <tr><td>{@code aaam.spi}</td><td>optional</td><td>the AAAM-SPI of the node's accounting-services
 *     association (docs/PROTOCOL.md §3), 256 or more, unique among the subscribers; its key is derived
 *     from the AAA-key. Without it the node cannot use the accounting services</td></tr>
 * </table>
 *
 * <p>AAA-keys shorter than 128 bits are refused (RFC 5944 §5.1: the default key size is 128 bits).
 * A NAI with a ':' or '=' must escape it ({@code \:}), as in any properties file. Unknown settings
 * are errors, so a typo does not silently leave a subscriber without, say, its home agent. No message
 * of this class ever contains a key.
 */
public final class SubscriberProvisioning {

    private static final Logger log = LoggerFactory.getLogger(SubscriberProvisioning.class);

    public static final String PREFIX = "subscriber.";

    private static final String SPI = "spi";
    private static final String ALGORITHM = "algorithm";
    private static final String KEY_HEX = "key.hex";
    private static final String KEY_FILE = "key.file";
    private static final String REALM = "realm";
    private static final String HOME_ADDRESS = "home.address";
    private static final String HOME_AGENT = "home.agent";
    private static final String AAAM_SPI = "aaam.spi";
    /**
     * Longest first, so "home.address" is never read as a NAI ending in ".home" plus "address", nor
     * "aaam.spi" as "spi".
     */
    private static final List<String> SETTINGS = List.of(HOME_ADDRESS, HOME_AGENT, AAAM_SPI, ALGORITHM, KEY_FILE, KEY_HEX, REALM, SPI);

    /** RFC 5944 §5.1: 128 bits. */
    public static final int MIN_KEY_LENGTH = 16;

    private SubscriberProvisioning() {
    }

    /**
     * Puts every subscriber of {@code file} into {@code directory} and removes the directory's others.
     *
     * @return how many subscribers the file holds
     * @throws IllegalArgumentException if the file is malformed (nothing is changed then)
     * @throws UncheckedIOException     if it or a key file cannot be read
     */
    public static int load(Path file, SubscriberDirectory directory) {
        return apply(file, read(file), directory);
    }

    /**
     * The same, also refusing a fixed home address inside the dynamic pool {@code pool}: the pool
     * could give it to another mobile node.
     */
    public static int load(Path file, SubscriberDirectory directory, AddressRange pool) {
        List<Subscriber> subscribers = read(file);
        for (Subscriber s : subscribers) {
            s.fixedHomeAddress().filter(pool::contains).ifPresent(a -> {
                throw new IllegalArgumentException(file + ": the fixed home address " + Ipv4.format(a) + " of " + s.nai()
                        + " lies in the home address pool " + pool);
            });
        }
        return apply(file, subscribers, directory);
    }

    /** Reads and checks {@code file} without provisioning anything. */
    public static List<Subscriber> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the subscriber file " + file, e);
        }
        Map<String, Map<String, String>> byNai = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String[] naiAndSetting = split(file, name);
            byNai.computeIfAbsent(naiAndSetting[0], k -> new LinkedHashMap<>())
                    .put(naiAndSetting[1], properties.getProperty(name).strip());
        }
        List<Subscriber> subscribers = new ArrayList<>();
        byNai.forEach((nai, settings) -> subscribers.add(subscriber(file, nai, settings)));
        Map<Long, String> aaamSpis = new java.util.HashMap<>();
        for (Subscriber s : subscribers) {
            if (s.aaamSpi().isPresent()) {
                String other = aaamSpis.putIfAbsent(s.aaamSpi().getAsLong(), s.nai());
                if (other != null) {
                    throw new IllegalArgumentException(file + ": subscribers " + other + " and " + s.nai() + " have the same "
                            + AAAM_SPI + " " + s.aaamSpi().getAsLong());
                }
            }
        }
        return subscribers;
    }

    private static int apply(Path file, List<Subscriber> subscribers, SubscriberDirectory directory) {
        Set<String> stale = directory.nais();
        for (Subscriber s : subscribers) {
            directory.put(s);
            stale.remove(s.nai());
        }
        stale.forEach(directory::remove);
        log.info("provisioned {} subscribers from {} ({} removed)", subscribers.size(), file, stale.size());
        return subscribers.size();
    }

    private static String[] split(Path file, String name) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException(file + ": '" + name + "' is not a subscriber." + "<NAI>.<setting>");
        }
        String rest = name.substring(PREFIX.length());
        for (String setting : SETTINGS) {
            if (rest.endsWith("." + setting) && rest.length() > setting.length() + 1) {
                return new String[] {rest.substring(0, rest.length() - setting.length() - 1), setting};
            }
        }
        throw new IllegalArgumentException(file + ": unknown setting '" + name + "' (known: " + SETTINGS + ")");
    }

    private static Subscriber subscriber(Path file, String nai, Map<String, String> settings) {
        String where = file + ": subscriber " + nai + ": ";
        try {
            String spiText = settings.get(SPI);
            if (spiText == null || spiText.isEmpty()) {
                throw new IllegalArgumentException("no " + SPI);
            }
            long spi = Long.parseLong(spiText);
            MnAaaAlgorithm algorithm = settings.containsKey(ALGORITHM)
                    ? MnAaaAlgorithm.valueOf(settings.get(ALGORITHM).toUpperCase(Locale.ROOT))
                    : MnAaaAlgorithm.forSpi(spi);
            byte[] key = key(file, settings);
            if (key.length < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("the AAA-key has " + key.length + " octets; at least " + MIN_KEY_LENGTH
                        + " are required (RFC 5944 §5.1)");
            }
            Subscriber.checkNai(nai);
            return new Subscriber(nai, new MnAaaSecurityAssociation(spi, algorithm, key),
                    settings.getOrDefault(REALM, Subscriber.realmOf(nai)),
                    address(settings.get(HOME_ADDRESS)), address(settings.get(HOME_AGENT)), aaamSpi(settings.get(AAAM_SPI)));
        } catch (IllegalArgumentException e) {
            // the messages of the parsers above name settings and numbers, never a key's digits
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static byte[] key(Path file, Map<String, String> settings) {
        String hex = settings.get(KEY_HEX);
        String keyFile = settings.get(KEY_FILE);
        if ((hex == null) == (keyFile == null)) {
            throw new IllegalArgumentException("needs exactly one of " + KEY_HEX + " and " + KEY_FILE);
        }
        String source = KEY_HEX;
        if (keyFile != null) {
            Path path = file.toAbsolutePath().getParent().resolve(keyFile);
            source = KEY_FILE + " " + path;
            try {
                hex = Files.readString(path, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the key file " + path, e);
            }
        }
        String digits = hex.replaceAll("[\\s:]", "");
        if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(source + " is not an even number of hex digits");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static java.util.OptionalLong aaamSpi(String text) {
        if (text == null || text.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        long spi = Long.parseLong(text);
        if (spi < org.mipaaa.agent.auth.AaamSecurityAssociation.FIRST_UNRESERVED_SPI || spi > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(AAAM_SPI + " must be 256..4294967295 (0-255 are reserved), not " + spi);
        }
        return java.util.OptionalLong.of(spi);
    }

    private static Optional<Inet4Address> address(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(Ipv4.parse(text));
    }
}
