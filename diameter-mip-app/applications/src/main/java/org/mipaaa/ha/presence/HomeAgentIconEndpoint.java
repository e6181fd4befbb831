package org.mipaaa.ha.presence;

import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.mipaaa.presence.PresenceBook;
import org.mipaaa.presence.icons.PresenceIcons;
import org.mipaaa.presence.icons.PresenceLook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's own icon endpoint (the variant of seed Fig. 20 where the icon images come from the
 * home agent): {@code GET /presence/<NAI>/icon.svg} is the icon of that node's presence now, read from
 * the {@link PresenceBook}, never cached, so a page that embeds it shows the state with no notification
 * at all. A NAI the home agent has no presence of gets the "not seen yet" icon, so the endpoint does
 * not tell which NAIs exist. Off unless {@code presence.icons.port} is set.
 */
public final class HomeAgentIconEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HomeAgentIconEndpoint.class);
    private static final String PREFIX = "/presence/";
    private static final String SUFFIX = "/icon.svg";

    private final Server server;
    private final ServerConnector connector;

    private HomeAgentIconEndpoint(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * @param pageOrigins the origins of the presence pages registered with this home agent: the only
     *                    scripts that may read an icon (CORS); an {@code <img>} of any page still shows it
     */
    public static HomeAgentIconEndpoint start(PresenceBook book, InetAddress address, int port, String nodeName,
                                             java.util.Set<String> pageOrigins) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName(nodeName + "-presence-icons");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Icons(book, java.util.Set.copyOf(pageOrigins)));
        server.setStopTimeout(1000);
        server.start();
        HomeAgentIconEndpoint endpoint = new HomeAgentIconEndpoint(server, connector);
        log.info("{}: presence icons at {}<NAI>/icon.svg", nodeName, endpoint.url().resolve(PREFIX));
        return endpoint;
    }

    public URI url() {
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort() + "/");
    }

    /** The icon URL of {@code nai}. */
    public URI iconOf(String nai) {
        return URI.create(url() + PREFIX.substring(1) + nai + SUFFIX);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("presence icons: stopping the web server failed: {}", e.toString());
        }
    }

    private static final class Icons extends Handler.Abstract {
        private final PresenceBook book;
        private final java.util.Set<String> pageOrigins;

        Icons(PresenceBook book, java.util.Set<String> pageOrigins) {
            this.book = book;
            this.pageOrigins = pageOrigins;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
                reply(response, callback, 404, "not found: GET /presence/<NAI>/icon.svg");
                return true;
            }
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                reply(response, callback, 405, "method not allowed");
                return true;
            }
            String nai = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
            if (nai.contains("/")) {
                reply(response, callback, 404, "not found: GET /presence/<NAI>/icon.svg");
                return true;
            }
            PresenceLook look;
            try {
                look = book.current(nai).map(p -> PresenceLook.of(p.state(), p.busy())).orElse(PresenceLook.UNKNOWN);
            } catch (RuntimeException e) {
                log.warn("presence icons: presence of {} unreadable: {}", nai, e.toString());
                reply(response, callback, 503, "presence not readable now, try again");
                return true;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, PresenceIcons.CONTENT_TYPE);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store"); // the state may change any time
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            // only the presence pages this home agent notifies may read the icon from a script (data-look):
            // no other site learns a subscriber's state through a visitor's browser
            String origin = request.getHeaders().get("Origin");
            response.getHeaders().put("Vary", "Origin");
            if (origin != null && pageOrigins.contains(origin)) {
                response.getHeaders().put("Access-Control-Allow-Origin", origin);
            }
            response.write(true, ByteBuffer.wrap(PresenceIcons.svg(look)), callback);
            return true;
        }

        private static void reply(Response response, Callback callback, int status, String message) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, message + "\n", callback);
        }
    }
}
