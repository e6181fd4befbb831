package org.mipaaa.payer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.mipaaa.settings.SettingsFile;

/**
 * The advertisement sponsors and credit companies an AAAY answers for (docs/PROTOCOL.md §4.7, §4.8),
 * from {@code payers.properties}:
 * <pre>
 * realms                              AAAH realms accepted for every payer that names none of its own
 * sponsor.&lt;id&gt;.share                 percentage (0..100) of the next communication fee it pays
 * sponsor.&lt;id&gt;.ceiling               optional: the most it pays, "2.50 EUR"
 * sponsor.&lt;id&gt;.adverts               the Advertisement-Ids it sponsors, comma-separated
 * credit.&lt;id&gt;.limit                  optional: the most it settles, "30.00 EUR"
 * credit.&lt;id&gt;.customer.&lt;nai&gt;        the shared secret the customer's Customer-Credential must equal
 * (sponsor|credit).&lt;id&gt;.realms        the AAAH realms accepted for this payer only
 * </pre>
 */
public final class PayerDirectory {

    /** An amount in a currency, as configured. */
    public record Limit(BigDecimal amount, Currency currency) {
    }

    /** An advertisement sponsor. */
    public record Sponsor(String id, int sharePercent, Optional<Limit> ceiling, Set<String> adverts, Set<String> realms) {
        public boolean sponsors(String advertisementId) {
            return adverts.contains(advertisementId);
        }

        public boolean accepts(String realm) {
            return realms.contains(realm);
        }
    }

    /** A credit company and its customers' secrets. */
    public record CreditCompany(String id, Optional<Limit> limit, Map<String, byte[]> secrets, Set<String> realms) {
        public boolean accepts(String realm) {
            return realms.contains(realm);
        }

        /** Whether {@code credential} is {@code customer}'s secret; in constant time for a known customer. */
        public boolean authenticates(String customer, byte[] credential) {
            byte[] secret = secrets.get(customer);
            return secret != null && MessageDigest.isEqual(secret, credential);
        }
    }

    private static final String SPONSOR = "sponsor.";
    private static final String CREDIT = "credit.";
    private static final String CUSTOMER = ".customer.";

    private final Map<String, Sponsor> sponsors;
    private final Map<String, CreditCompany> companies;

    public PayerDirectory(Map<String, Sponsor> sponsors, Map<String, CreditCompany> companies) {
        this.sponsors = Map.copyOf(sponsors);
        this.companies = Map.copyOf(companies);
    }

    public Optional<Sponsor> sponsor(String id) {
        return Optional.ofNullable(sponsors.get(id));
    }

    public Optional<CreditCompany> creditCompany(String id) {
        return Optional.ofNullable(companies.get(id));
    }

    /** The directory in {@code file}; an absent file is an empty directory (an AAAY that is only a payee). */
    public static PayerDirectory load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new PayerDirectory(Map.of(), Map.of());
        }
        return SettingsFile.load(file, PayerDirectory::parse);
    }

    /** @throws IllegalArgumentException naming the first setting that is malformed */
    public static PayerDirectory parse(Properties p) {
        Set<String> defaultRealms = list(p.getProperty("realms", ""));
        Map<String, Map<String, String>> sponsorSettings = new LinkedHashMap<>();
        Map<String, Map<String, String>> creditSettings = new LinkedHashMap<>();
        Map<String, Map<String, byte[]>> secrets = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).strip();
            if (key.equals("realms")) {
                continue;
            }
            if (key.startsWith(CREDIT) && key.contains(CUSTOMER)) {
                int at = key.indexOf(CUSTOMER);
                String id = key.substring(CREDIT.length(), at);
                String customer = key.substring(at + CUSTOMER.length());
                if (id.isEmpty() || customer.isEmpty() || value.isEmpty()) {
                    throw new IllegalArgumentException("malformed setting " + key);
                }
                secrets.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(customer, value.getBytes(StandardCharsets.UTF_8));
                creditSettings.computeIfAbsent(id, k -> new LinkedHashMap<>());
                continue;
            }
            String prefix = key.startsWith(SPONSOR) ? SPONSOR : key.startsWith(CREDIT) ? CREDIT : null;
            int dot = key.lastIndexOf('.');
            if (prefix == null || dot <= prefix.length()) {
                throw new IllegalArgumentException("unknown setting " + key);
            }
            (prefix == SPONSOR ? sponsorSettings : creditSettings)
                    .computeIfAbsent(key.substring(prefix.length(), dot), k -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
        }
        Map<String, Sponsor> sponsors = new LinkedHashMap<>();
        sponsorSettings.forEach((id, s) -> {
            checkId(id);
            known(id, s, Set.of("share", "ceiling", "adverts", "realms"));
            int share;
            try {
                share = Integer.parseInt(s.getOrDefault("share", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sponsor " + id + ": share must be 0..100");
            }
            if (share < 0 || share > 100) {
                throw new IllegalArgumentException("sponsor " + id + ": share must be 0..100");
            }
            sponsors.put(id, new Sponsor(id, share, limit(id, s.get("ceiling")), list(s.getOrDefault("adverts", "")),
                    realms(id, s.get("realms"), defaultRealms)));
        });
        Map<String, CreditCompany> companies = new LinkedHashMap<>();
        creditSettings.forEach((id, s) -> {
            checkId(id);
            known(id, s, Set.of("limit", "realms"));
            companies.put(id, new CreditCompany(id, limit(id, s.get("limit")), Map.copyOf(secrets.getOrDefault(id, Map.of())),
                    realms(id, s.get("realms"), defaultRealms)));
        });
        return new PayerDirectory(sponsors, companies);
    }

    private static void checkId(String id) {
        if (id.indexOf('@') <= 0 || id.endsWith("@")) {
            throw new IllegalArgumentException(id + ": not name@realm");
        }
    }

    private static void known(String id, Map<String, String> settings, Set<String> names) {
        for (String name : settings.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(id + ": unknown setting " + name);
            }
        }
    }

    private static Set<String> realms(String id, String own, Set<String> defaults) {
        Set<String> realms = own == null ? defaults : list(own);
        if (realms.isEmpty()) {
            throw new IllegalArgumentException(id + ": no AAAH realm may ask for it (set realms)");
        }
        return realms;
    }

    private static Optional<Limit> limit(String id, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("\\s+");
        try {
            BigDecimal amount = new BigDecimal(parts[0]);
            Currency currency = Currency.getInstance(parts[1]);
            if (parts.length != 2 || amount.signum() <= 0) {
                throw new IllegalArgumentException();
            }
            return Optional.of(new Limit(amount, currency));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(id + ": an amount is a positive decimal and an ISO 4217 code, e.g. \"2.50 EUR\"");
        }
    }

    private static Set<String> list(String list) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }
}
