package org.mipaaa.presence.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.mipaaa.presence.PresenceState;

/**
 * Reads a notification body strictly: one JSON object (RFC 8259), no duplicate keys, nothing after it,
 * every field of docs/PROTOCOL.md §10.3 present with its type. Unknown fields are ignored, so a home
 * agent may add some later.
 */
final class NotificationParser {

    /** RFC 7542 §2.2: an NAI is at most 253 octets. */
    private static final int MAX_NAI = 253;
    /** What a refusal quotes of the body. */
    private static final int MAX_QUOTED = 200;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private NotificationParser() {
    }

    static Notification parse(byte[] body) throws MalformedNotificationException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedNotificationException("not JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedNotificationException("not JSON: " + oneLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedNotificationException("not a JSON object");
        }
        String nai = text(root, "nai");
        // octets, not characters: 253 characters of Telugu are 759 octets
        if (nai.isEmpty() || nai.getBytes(StandardCharsets.UTF_8).length > MAX_NAI) {
            throw new MalformedNotificationException("nai must have 1 to " + MAX_NAI + " octets (UTF-8)");
        }
        PresenceState state;
        try {
            state = PresenceState.valueOf(text(root, "state"));
        } catch (IllegalArgumentException e) {
            throw new MalformedNotificationException("unknown state " + oneLine(root.get("state").toString()));
        }
        JsonNode busy = root.get("busy");
        if (busy == null || !busy.isBoolean()) {
            throw new MalformedNotificationException("busy must be true or false");
        }
        JsonNode sequence = root.get("sequence");
        if (sequence == null || !sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.asLong() < 1) {
            throw new MalformedNotificationException("sequence must be a whole number from 1");
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(text(root, "timestamp"));
        } catch (DateTimeParseException e) {
            throw new MalformedNotificationException("timestamp is not an ISO 8601 UTC instant");
        }
        return new Notification(nai, state, optionalText(root, "careOfAddress"), optionalText(root, "visitedRealm"),
                busy.booleanValue(), sequence.asLong(), timestamp);
    }

    /**
     * {@code text}, which quotes the body (Jackson names a duplicate key as it decoded it, escapes
     * undone), as one line of at most {@value #MAX_QUOTED} characters: the page logs the refusal and
     * answers it.
     */
    private static String oneLine(String text) {
        String from = String.valueOf(text);
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < from.length() && out.length() < MAX_QUOTED; i++) {
            char c = from.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < from.length() ? out.append("...").toString() : out.toString();
    }

    private static String text(JsonNode root, String field) throws MalformedNotificationException {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new MalformedNotificationException(field + " must be a string");
        }
        return node.textValue();
    }

    private static Optional<String> optionalText(JsonNode root, String field) throws MalformedNotificationException {
        JsonNode node = root.get(field);
        if (node == null) {
            throw new MalformedNotificationException(field + " is missing (null when there is none)");
        }
        if (node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new MalformedNotificationException(field + " must be a string or null");
        }
        return Optional.of(node.textValue());
    }
}
