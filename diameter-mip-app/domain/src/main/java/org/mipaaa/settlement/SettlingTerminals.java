package org.mipaaa.settlement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.mipaaa.settings.SettingsFile;

/**
 * The carrier's agreements on which payees' terminals have the AAA function and settle themselves (the
 * seed's variant of Figs. 16-17; config/aaah/settling-terminals.properties): for such a payee the AAAH
 * sends its SER to the terminal instead of a PNR to the payee's AAAY. Only this AAAH-side setting decides
 * it; a Terminal-Host the mobile node sends never does.
 *
 * <pre>
 * payee.cafe@shop.example.terminal = terminal.shop.example   # the terminal's DiameterIdentity (a peer of the AAAH)
 * payee.cafe@shop.example.realm    = shop.example            # its realm; default: the realm of the Payee-Id
 * </pre>
 */
public final class SettlingTerminals {

    private static final String PAYEE = "payee.";

    /** A terminal that settles: where the AAAH's SER goes (Destination-Host, Destination-Realm). */
    public record Terminal(String host, String realm) {
    }

    private final Map<String, Terminal> byPayee;

    public SettlingTerminals(Map<String, Terminal> byPayee) {
        this.byPayee = Map.copyOf(byPayee);
    }

    public static SettlingTerminals none() {
        return new SettlingTerminals(Map.of());
    }

    /** The terminal that settles for {@code payee}; empty when its AAAY is notified instead. */
    public Optional<Terminal> of(String payee) {
        return Optional.ofNullable(byPayee.get(payee));
    }

    public static SettlingTerminals load(Path file) throws IOException {
        return SettingsFile.load(file, SettlingTerminals::parse);
    }

    /** @throws IllegalArgumentException naming the first setting that is unknown or malformed */
    public static SettlingTerminals parse(Properties p) {
        Map<String, String> hosts = new LinkedHashMap<>();
        Map<String, String> realms = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            String value = p.getProperty(key).strip();
            if (!key.startsWith(PAYEE) || dot <= PAYEE.length()) {
                throw new IllegalArgumentException("unknown setting " + key);
            }
            String payee = key.substring(PAYEE.length(), dot);
            if (realmOf(payee).isEmpty()) {
                throw new IllegalArgumentException(key + ": " + payee + " is not account@realm");
            }
            if (value.isEmpty() || value.contains(" ") || value.contains("@")) {
                throw new IllegalArgumentException(key + ": not a DiameterIdentity or realm: '" + value + "'");
            }
            switch (key.substring(dot + 1)) {
                case "terminal" -> hosts.put(payee, value);
                case "realm" -> realms.put(payee, value);
                default -> throw new IllegalArgumentException("unknown setting " + key);
            }
        }
        for (String payee : realms.keySet()) {
            if (!hosts.containsKey(payee)) {
                throw new IllegalArgumentException(PAYEE + payee + ".realm without " + PAYEE + payee + ".terminal");
            }
        }
        Map<String, Terminal> terminals = new LinkedHashMap<>();
        hosts.forEach((payee, host) -> terminals.put(payee, new Terminal(host, realms.getOrDefault(payee, realmOf(payee).orElseThrow()))));
        return new SettlingTerminals(terminals);
    }

    private static Optional<String> realmOf(String payee) {
        int at = payee.lastIndexOf('@');
        return at <= 0 || at == payee.length() - 1 ? Optional.empty() : Optional.of(payee.substring(at + 1));
    }
}
