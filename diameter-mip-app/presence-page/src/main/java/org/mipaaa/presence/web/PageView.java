package org.mipaaa.presence.web;

import java.net.URI;
import java.util.List;

/**
 * The page itself ({@code GET /}): one entry per terminal, written with its state as shown now, so it
 * reads right before its script runs (and without script); {@code page.js} then follows the events.
 * Each entry carries {@code data-nai}, {@code data-state}, {@code data-look} and {@code data-busy}.
 */
final class PageView {

    private PageView() {
    }

    static String html(List<Terminal> terminals, PresenceBoard board, java.time.Duration iconRefresh) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Presence</title>\n<link rel=\"stylesheet\" href=\"/page.css\">\n")
                .append("<script src=\"/page.js\" defer></script>\n</head>\n<body>\n")
                .append("<header><h1>Presence</h1><p>Live: <span id=\"connection\" data-connected=\"false\" role=\"status\">connecting</span></p></header>\n")
                .append("<ul id=\"terminals\" data-icon-refresh-ms=\"").append(iconRefresh.toMillis()).append("\">\n");
        for (int i = 0; i < terminals.size(); i++) {
            Terminal t = terminals.get(i);
            Shown s = board.shown(t.nai()).orElse(Shown.nothingYet(t.nai()));
            out.append("<li class=\"terminal\" data-nai=\"").append(escape(t.nai()))
                    .append("\" data-state=\"").append(s.stateName())
                    .append("\" data-look=\"").append(s.look().slug())
                    .append("\" data-busy=\"").append(s.busy())
                    .append("\" data-sequence=\"").append(s.sequence()).append('"');
            t.haIcon().ifPresent(icon -> out.append(" data-icon-url=\"").append(escape(icon.toString())).append('"'));
            out.append(">\n");
            if (t.picture().isPresent()) {
                out.append("  <img class=\"picture\" src=\"/pictures/").append(i).append("\" alt=\"picture of ")
                        .append(escape(t.name())).append("\" width=\"64\" height=\"64\">\n");
            } else {
                out.append("  <span class=\"picture text\" aria-hidden=\"true\">").append(escape(t.text())).append("</span>\n");
            }
            out.append("  <span class=\"name\">").append(escape(t.name())).append("</span>\n")
                    .append("  <span class=\"nai\">").append(escape(t.nai())).append("</span>\n")
                    .append("  <img class=\"icon\" src=\"").append(escape(t.haIcon().map(URI::toString).orElse("/icons/" + s.look().slug() + ".svg")))
                    .append("\" alt=\"")
                    .append(escape(s.look().label())).append("\" width=\"64\" height=\"64\">\n")
                    .append("  <span class=\"state\" aria-live=\"polite\">").append(escape(s.text())).append("</span>\n")
                    .append("  <a class=\"call\" href=\"").append(escape(t.callUrl().toString())).append("\">Call ")
                    .append(escape(t.name())).append(" <span class=\"url\">").append(escape(t.callUrl().toString()))
                    .append("</span></a>\n</li>\n");
        }
        out.append("</ul>\n</body>\n</html>\n");
        return out.toString();
    }

    /** HTML text and attribute escaping (HTML Living Standard §13.1.2.6 is met by escaping these five). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
