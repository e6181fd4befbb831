package org.mipaaa.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.fuzz.Fuzzing;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.presence.Presence;
import org.mipaaa.presence.PresenceJson;

/**
 * Fuzz target (docs/FUZZING.md): the presence page's reading of a notification body (docs/PROTOCOL.md
 * §10.3), on any octets a home agent holding a key could sign: a notification of bounded fields, or a
 * {@link MalformedNotificationException} whose message is one short line (the page logs it and answers
 * it). A notification the home agent could have sent reads back the same once the home agent's own
 * writer ({@link PresenceJson}) writes it again.
 */
public class NotificationParserFuzzTest {

    /** RFC 7542 §2.2, as NotificationParser documents it. */
    private static final int MAX_NAI_OCTETS = 253;

    @FuzzTest(maxDuration = "10s")
    void parseRefusesOrYieldsBoundedFieldsThatTheHomeAgentWritesAlike(byte[] body) throws Exception {
        check(body);
    }

    /** The properties. */
    public static void check(byte[] body) throws Exception {
        Optional<Notification> parsed = Fuzzing.parse(MalformedNotificationException.class, () -> {
            try {
                return NotificationParser.parse(body);
            } catch (MalformedNotificationException e) {
                assertThat(e.getMessage()).as("a refusal is one log line").doesNotContain("\n", "\r");
                Fuzzing.boundedText(e.getMessage(), 0, 0);
                throw e;
            }
        });
        if (parsed.isEmpty()) {
            return;
        }
        Notification n = parsed.get();
        assertThat(n.nai()).isNotEmpty();
        assertThat(n.nai().getBytes(StandardCharsets.UTF_8).length).as("NAI octets").isLessThanOrEqualTo(MAX_NAI_OCTETS);
        assertThat(n.sequence()).isPositive();
        n.careOfAddress().ifPresent(a -> assertThat(a.length()).isLessThanOrEqualTo(body.length));
        n.visitedRealm().ifPresent(r -> assertThat(r.length()).isLessThanOrEqualTo(body.length));
        Fuzzing.boundedText(n, body.length, 2);

        Optional<Presence> sendable = asTheHomeAgentHasIt(n);
        if (sendable.isPresent()) {
            byte[] again = PresenceJson.of(sendable.get()).getBytes(StandardCharsets.UTF_8);
            assertThat(NotificationParser.parse(again)).as("written again: %s", new String(again, StandardCharsets.UTF_8)).isEqualTo(n);
        }
    }

    /**
     * {@code n} as the home agent keeps presence, when it can: a dotted-quad care-of address in its own
     * spelling, and text the home agent could hold (no unpaired UTF-16 surrogate, which UTF-8 cannot carry).
     */
    private static Optional<Presence> asTheHomeAgentHasIt(Notification n) {
        Optional<Inet4Address> careOf;
        try {
            careOf = n.careOfAddress().map(Ipv4::parse);
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
        if (!careOf.map(Ipv4::format).equals(n.careOfAddress()) || !wellFormed(n.nai())
                || !n.visitedRealm().map(NotificationParserFuzzTest::wellFormed).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new Presence(n.nai(), n.state(), careOf, n.visitedRealm(), n.busy(), n.sequence(), n.timestamp()));
    }

    private static boolean wellFormed(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
    }
}
