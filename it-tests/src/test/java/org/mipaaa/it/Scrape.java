package org.mipaaa.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mipaaa.node.DiameterNode;

/**
 * What a node's {@code GET /metrics} showed at one moment, read as Prometheus would read it: each
 * sample by its name and labels.
 */
record Scrape(Map<String, Map<Map<String, String>, Double>> samples) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Scrapes {@code node}'s operations endpoint. */
    static Scrape of(DiameterNode node) throws IOException, InterruptedException {
        HttpResponse<String> response = get(node, "metrics");
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics: " + response.statusCode());
        }
        Map<String, Map<Map<String, String>, Double>> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.computeIfAbsent(m.group(1), n -> new HashMap<>()).put(labels, Double.parseDouble(m.group(3)));
        }
        return new Scrape(samples);
    }

    /** {@code GET <path>} of {@code node}'s operations endpoint. */
    static HttpResponse<String> get(DiameterNode node, String path) throws IOException, InterruptedException {
        URI base = node.ops().orElseThrow(() -> new IllegalStateException(node.host() + " has no operations endpoint")).url();
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (0 when there is none). */
    double value(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.getOrDefault(name, Map.of()).entrySet().stream()
                .filter(e -> e.getKey().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Whether any sample of {@code name} exists. */
    boolean has(String name) {
        return samples.containsKey(name);
    }
}
