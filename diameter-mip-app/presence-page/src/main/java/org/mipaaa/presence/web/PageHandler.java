package org.mipaaa.presence.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.mipaaa.presence.icons.PresenceIcons;
import org.mipaaa.presence.icons.PresenceLook;

/**
 * The page's routes: {@code GET /} the page, {@code /page.js}, {@code /page.css}, {@code /icons/<look>.svg},
 * {@code /pictures/<n>}, {@code /events} (server-sent events), and {@code POST /presence} (the home
 * agents' notifications). Everything is served from this process: nothing is fetched elsewhere.
 */
final class PageHandler extends Handler.Abstract {


    private final PageSettings settings;
    private final List<Terminal> terminals;
    /** The page's own resources only, and the icons of home agents that serve them (§10.4). */
    private final String contentSecurityPolicy;
    private final PresenceBoard board;
    private final NotificationReceiver receiver;
    private final EventStream events;
    private final byte[] script = resource("page.js");
    private final byte[] style = resource("page.css");

    PageHandler(PageSettings settings, PresenceBoard board, EventStream events) {
        this.settings = settings;
        this.terminals = settings.terminals();
        String homeAgents = settings.iconOrigins().stream().map(o -> " " + o).reduce("", String::concat);
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'" + homeAgents
                + "; connect-src 'self'" + homeAgents + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        this.board = board;
        this.receiver = new NotificationReceiver(settings, board, java.time.Clock.systemUTC());
        this.events = events;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/presence")) {
            if (!method.equals("POST")) {
                return notAllowed(response, callback, "POST");
            }
            receiver.handle(request, response, callback);
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return notAllowed(response, callback, "GET, HEAD");
        }
        if (path.equals("/") || path.equals("/index.html")) {
            response.getHeaders().put("Content-Security-Policy", contentSecurityPolicy);
            Replies.bytes(response, callback, "text/html; charset=utf-8",
                    PageView.html(terminals, board, settings.iconRefresh()).getBytes(StandardCharsets.UTF_8), "no-store");
        } else if (path.equals("/page.js")) {
            Replies.bytes(response, callback, "text/javascript; charset=utf-8", script, "no-cache");
        } else if (path.equals("/page.css")) {
            Replies.bytes(response, callback, "text/css; charset=utf-8", style, "no-cache");
        } else if (path.equals("/events")) {
            events.handle(response, callback);
        } else if (path.startsWith("/icons/") && path.endsWith(".svg")) {
            Optional<PresenceLook> look = PresenceLook.ofSlug(path.substring("/icons/".length(), path.length() - ".svg".length()));
            if (look.isEmpty()) {
                Replies.text(response, callback, 404, "no such icon");
            } else {
                Replies.bytes(response, callback, PresenceIcons.CONTENT_TYPE, PresenceIcons.svg(look.get()), "max-age=3600");
            }
        } else if (path.startsWith("/pictures/")) {
            Optional<Terminal.Picture> picture = picture(path.substring("/pictures/".length()));
            if (picture.isEmpty()) {
                Replies.text(response, callback, 404, "no such picture");
            } else {
                Replies.bytes(response, callback, picture.get().contentType(), picture.get().bytes(), "max-age=3600");
            }
        } else {
            Replies.text(response, callback, 404, "not found");
        }
        return true;
    }

    private Optional<Terminal.Picture> picture(String index) {
        try {
            int i = Integer.parseInt(index);
            return i >= 0 && i < terminals.size() ? terminals.get(i).picture() : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean notAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        Replies.text(response, callback, 405, "method not allowed; allowed: " + allowed);
        return true;
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
