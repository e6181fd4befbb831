package org.mipaaa.payee;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.mipaaa.settings.SettingsFile;

/**
 * The payees an AAAY serves (config/aaay/payees.properties): for each, where its accounting information
 * is (a shop terminal, by its DiameterIdentity, or held at the AAAY itself) and which AAAH realms may ask
 * for it ("an AAAY accepts only the AAAH realms configured for it"):
 *
 * <pre>
 * realms = home.example                               # AAAH realms accepted, unless a payee names its own
 * payee.shop@shop.example.terminal = terminal.shop.example
 * payee.kiosk@shop.example.held = true                 # in the AAAY's own catalogue (S203/S204 skipped)
 * payee.club@shop.example.terminal = terminal.shop.example
 * payee.club@shop.example.realms = partner.example
 * </pre>
 */
public final class PayeeDirectory {

    private static final String PAYEE = "payee.";

    /** Where one payee's accounting information is, and who may ask for it. */
    public record Payee(String id, Optional<String> terminalHost, Set<String> realms) {

        public Payee {
            realms = Set.copyOf(realms);
        }

        /** Held at the AAAY itself: no terminal to ask. */
        public boolean heldHere() {
            return terminalHost.isEmpty();
        }

        public boolean accepts(String realm) {
            return realms.contains(realm);
        }
    }

    private final Map<String, Payee> payees;

    public PayeeDirectory(Map<String, Payee> payees) {
        this.payees = Map.copyOf(payees);
    }

    public Optional<Payee> find(String id) {
        return Optional.ofNullable(payees.get(id));
    }

    public Set<String> ids() {
        return payees.keySet();
    }

    public static PayeeDirectory load(Path file) throws IOException {
        return SettingsFile.load(file, PayeeDirectory::parse);
    }

    /** @throws IllegalArgumentException naming the first setting that is malformed */
    public static PayeeDirectory parse(Properties p) {
        Set<String> defaultRealms = realms(p.getProperty("realms", ""));
        Map<String, String> terminals = new LinkedHashMap<>();
        Map<String, Boolean> held = new LinkedHashMap<>();
        Map<String, Set<String>> realms = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.equals("realms")) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            if (!key.startsWith(PAYEE) || dot <= PAYEE.length()) {
                throw new IllegalArgumentException("unknown setting " + key);
            }
            String id = key.substring(PAYEE.length(), dot);
            String value = p.getProperty(key).strip();
            switch (key.substring(dot + 1)) {
                case "terminal" -> terminals.put(id, value);
                case "held" -> held.put(id, Boolean.parseBoolean(value));
                case "realms" -> realms.put(id, realms(value));
                default -> throw new IllegalArgumentException("unknown setting " + key);
            }
        }
        Set<String> ids = new LinkedHashSet<>(terminals.keySet());
        held.forEach((id, isHeld) -> {
            if (isHeld) {
                ids.add(id);
            }
        });
        Map<String, Payee> payees = new LinkedHashMap<>();
        for (String id : ids) {
            boolean isHeld = held.getOrDefault(id, false);
            if (isHeld == terminals.containsKey(id)) {
                throw new IllegalArgumentException("payee " + id + ": give either a terminal or held = true");
            }
            if (id.indexOf('@') <= 0 || id.endsWith("@")) {
                throw new IllegalArgumentException("payee " + id + ": not account@realm");
            }
            Set<String> accepted = realms.getOrDefault(id, defaultRealms);
            if (accepted.isEmpty()) {
                throw new IllegalArgumentException("payee " + id + ": no AAAH realm may ask for it (set realms)");
            }
            payees.put(id, new Payee(id, Optional.ofNullable(terminals.get(id)), accepted));
        }
        for (String id : realms.keySet()) {
            if (!payees.containsKey(id)) {
                throw new IllegalArgumentException("payee " + id + ": realms without a terminal or held = true");
            }
        }
        return new PayeeDirectory(payees);
    }

    private static Set<String> realms(String list) {
        Set<String> realms = new LinkedHashSet<>();
        for (String realm : list.split(",")) {
            if (!realm.isBlank()) {
                realms.add(realm.strip());
            }
        }
        return realms;
    }
}
