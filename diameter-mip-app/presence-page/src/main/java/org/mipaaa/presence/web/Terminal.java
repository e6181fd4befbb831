package org.mipaaa.presence.web;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One terminal the page shows (seed Fig. 20): its user's name, a picture or a short text in its place,
 * the call link, and the home agent whose notifications may change it.
 *
 * @param nai     the mobile node's NAI, as in the home agent's notifications
 * @param name    the user's display name
 * @param picture the user's picture, when there is one
 * @param text    shown instead of a picture (initials, a nickname)
 * @param callUrl a {@code sip:}, {@code sips:} or {@code h323:} URL with the terminal's host name or NAI
 * @param haKeyId the key id ({@code X-MipAaa-Key-Id}) of the home agent that reports this terminal
 * @param haIcon  the icon of this terminal at its home agent's own endpoint (docs/PROTOCOL.md §10.4), when
 *                the page shows that one instead of following notifications
 */
public record Terminal(String nai, String name, Optional<Picture> picture, String text, URI callUrl, String haKeyId,
                       Optional<URI> haIcon) {

    /** The call link schemes the page offers (RFC 3261 §19.1, ITU-T H.323 Annex O). */
    static final Set<String> CALL_SCHEMES = Set.of("sip", "sips", "h323");

    public Terminal {
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(picture, "picture");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(callUrl, "callUrl");
        Objects.requireNonNull(haKeyId, "haKeyId");
        Objects.requireNonNull(haIcon, "haIcon");
        String scheme = callUrl.getScheme() == null ? "" : callUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!CALL_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("terminal " + nai + ": the call URL must be sip:, sips: or h323:, not " + callUrl);
        }
    }

    /** A terminal the page follows by notifications only. */
    public Terminal(String nai, String name, Optional<Picture> picture, String text, URI callUrl, String haKeyId) {
        this(nai, name, picture, text, callUrl, haKeyId, Optional.empty());
    }

    /** A user's picture, read once at start. */
    public record Picture(byte[] bytes, String contentType) {
        public Picture {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
