package org.mipaaa.presence.icons;

import java.nio.charset.StandardCharsets;

/**
 * The icon of each {@link PresenceLook} as a small SVG, the same for the page and for the home agent's
 * own icon endpoint. Each look has its own shape and glyph (a house, a pin, a handset with a bar, a
 * slashed circle, a power sign, a question mark), so the state reads without colour; the colour only
 * repeats it. Each SVG carries its label as {@code <title>} and {@code aria-label}.
 */
public final class PresenceIcons {

    public static final String CONTENT_TYPE = "image/svg+xml; charset=utf-8";

    private PresenceIcons() {
    }

    public static byte[] svg(PresenceLook look) {
        return svgText(look).getBytes(StandardCharsets.UTF_8);
    }

    static String svgText(PresenceLook look) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\" role=\"img\""
                + " aria-label=\"" + look.label() + "\" data-look=\"" + look.slug() + "\">"
                + "<title>" + look.label() + "</title>" + shape(look) + "</svg>";
    }

    private static String shape(PresenceLook look) {
        return switch (look) {
            // a house: walls and roof
            case AT_HOME -> "<rect x=\"2\" y=\"2\" width=\"60\" height=\"60\" rx=\"10\" fill=\"#e3f4e1\" stroke=\"#1b5e20\" stroke-width=\"3\"/>"
                    + "<path d=\"M12 32 L32 12 L52 32 L46 32 L46 52 L18 52 L18 32 Z\" fill=\"#2e7d32\"/>"
                    + "<rect x=\"28\" y=\"38\" width=\"8\" height=\"14\" fill=\"#e3f4e1\"/>";
            // a map pin: away, reachable in a visited network
            case VISITING -> "<circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"#e1ecf8\" stroke=\"#0d47a1\" stroke-width=\"3\"/>"
                    + "<path d=\"M32 10 C22 10 16 18 16 26 C16 38 32 54 32 54 C32 54 48 38 48 26 C48 18 42 10 32 10 Z\" fill=\"#1565c0\"/>"
                    + "<circle cx=\"32\" cy=\"26\" r=\"6\" fill=\"#e1ecf8\"/>";
            // a no-entry bar over a handset: on a call, do not disturb
            case BUSY -> "<polygon points=\"20,2 44,2 62,20 62,44 44,62 20,62 2,44 2,20\" fill=\"#fdecea\" stroke=\"#b71c1c\" stroke-width=\"3\"/>"
                    + "<path d=\"M16 20 C20 16 24 16 26 20 L28 24 C29 26 28 28 26 29 C28 34 30 36 35 38 C36 36 38 35 40 36 L44 38"
                    + " C48 40 48 44 44 48 C36 52 12 36 16 20 Z\" fill=\"#c62828\"/>"
                    + "<rect x=\"12\" y=\"29\" width=\"40\" height=\"6\" fill=\"#7f0000\" transform=\"rotate(-45 32 32)\"/>";
            // a slashed circle: not reachable, no renewal within the lifetime
            case OUT_OF_ZONE -> "<rect x=\"2\" y=\"2\" width=\"60\" height=\"60\" fill=\"#eeeeee\" stroke=\"#424242\" stroke-width=\"3\" stroke-dasharray=\"6 4\"/>"
                    + "<circle cx=\"32\" cy=\"32\" r=\"18\" fill=\"none\" stroke=\"#424242\" stroke-width=\"5\"/>"
                    + "<line x1=\"19\" y1=\"45\" x2=\"45\" y2=\"19\" stroke=\"#424242\" stroke-width=\"5\"/>";
            // a power sign: the node signed off itself
            case DEREGISTERED -> "<circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"#f3e5f5\" stroke=\"#4a148c\" stroke-width=\"3\"/>"
                    + "<path d=\"M22 22 A15 15 0 1 0 42 22\" fill=\"none\" stroke=\"#4a148c\" stroke-width=\"5\"/>"
                    + "<line x1=\"32\" y1=\"12\" x2=\"32\" y2=\"32\" stroke=\"#4a148c\" stroke-width=\"5\"/>";
            // a question mark: nothing heard yet
            case UNKNOWN -> "<rect x=\"2\" y=\"2\" width=\"60\" height=\"60\" rx=\"30\" fill=\"#fafafa\" stroke=\"#757575\" stroke-width=\"3\"/>"
                    + "<text x=\"32\" y=\"44\" font-size=\"34\" font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#616161\">?</text>";
        };
    }
}
