package org.mipaaa.presence.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.mipaaa.presence.PresenceSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /presence}: a home agent's notification (docs/PROTOCOL.md §10.3), decoded, checked and
 * applied to the board before it is acknowledged, so a 2xx always means the page shows the change.
 *
 * <table>
 * <caption>answers</caption>
 * <tr><td>204</td><td>applied</td></tr>
 * <tr><td>200</td><td>a sequence number already seen for that NAI: dropped, acknowledged so it is not sent again</td></tr>
 * <tr><td>400</td><td>not the JSON object of §10.3</td></tr>
 * <tr><td>401</td><td>no or unknown key id, or the signature does not verify</td></tr>
 * <tr><td>403</td><td>a home agent reporting a terminal that another home agent reports</td></tr>
 * <tr><td>404</td><td>a NAI that is not a terminal of this page</td></tr>
 * <tr><td>413</td><td>a body larger than {@value #MAX_BODY} bytes</td></tr>
 * </table>
 */
final class NotificationReceiver {

    /** A notification is about 200 bytes; anything near this is not one. */
    static final int MAX_BODY = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(NotificationReceiver.class);

    /** How far ahead of the page's clock a home agent's may be. */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(1);

    private final PageSettings settings;
    private final PresenceBoard board;
    private final java.time.Clock clock;

    NotificationReceiver(PageSettings settings, PresenceBoard board, java.time.Clock clock) {
        this.settings = settings;
        this.board = board;
        this.clock = clock;
    }

    void handle(Request request, Response response, Callback callback) throws IOException {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            Replies.text(response, callback, 413, "a presence notification is at most " + MAX_BODY + " bytes");
            return;
        }
        String keyId = request.getHeaders().get(PresenceSignature.KEY_ID_HEADER);
        byte[] key = keyId == null ? null : settings.haKeys().get(keyId);
        if (key == null) {
            log.warn("presence page: notification refused, unknown key id {}", keyId);
            Replies.text(response, callback, 401, "unknown " + PresenceSignature.KEY_ID_HEADER);
            return;
        }
        if (!PresenceSignature.verifies(body, Optional.ofNullable(request.getHeaders().get(PresenceSignature.HEADER)), key)) {
            log.warn("presence page: notification with key id {} refused, the signature does not verify", keyId);
            Replies.text(response, callback, 401, PresenceSignature.HEADER + " does not verify");
            return;
        }
        Notification notification;
        try {
            notification = NotificationParser.parse(body);
        } catch (MalformedNotificationException e) {
            log.warn("presence page: malformed notification from {}: {}", keyId, e.getMessage());
            Replies.text(response, callback, 400, "malformed notification: " + e.getMessage());
            return;
        }
        Optional<Terminal> terminal = settings.terminal(notification.nai());
        if (terminal.isEmpty()) {
            log.warn("presence page: {} notified {}, which is not a terminal of this page", keyId, notification.nai());
            Replies.text(response, callback, 404, "no terminal " + notification.nai() + " on this page");
            return;
        }
        if (!terminal.get().haKeyId().equals(keyId)) {
            log.warn("presence page: {} notified {}, which home agent {} reports", keyId, notification.nai(), terminal.get().haKeyId());
            Replies.text(response, callback, 403, notification.nai() + " is not reported by " + keyId);
            return;
        }
        java.time.Instant now = clock.instant();
        if (notification.timestamp().isBefore(now.minus(settings.maxNotificationAge()))
                || notification.timestamp().isAfter(now.plus(CLOCK_SKEW))) {
            // acknowledged, so the home agent's outbox lets it go; not shown: a replay, or news too old to show
            log.warn("presence page: {} notified {} #{} of {}, outside the page's window: not shown", keyId, notification.nai(),
                    notification.sequence(), notification.timestamp());
            Replies.text(response, callback, 200, "change " + notification.sequence() + " is too old (or too far ahead) to show");
            return;
        }
        switch (board.apply(notification)) {
            case APPLIED -> {
                log.info("presence page: {} {}{} #{}", notification.nai(), notification.state(), notification.busy() ? ", busy" : "",
                        notification.sequence());
                Replies.noContent(response, callback);
            }
            case ALREADY_SEEN -> Replies.text(response, callback, 200, "change " + notification.sequence() + " already seen");
            case UNKNOWN_TERMINAL -> Replies.text(response, callback, 404, "no terminal " + notification.nai() + " on this page");
        }
    }
}
