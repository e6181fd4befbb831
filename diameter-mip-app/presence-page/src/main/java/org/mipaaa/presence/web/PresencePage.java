package org.mipaaa.presence.web;

import java.net.URI;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WWW server of the presence page (seed Fig. 20, S2011): Jetty on the configured address
 * (loopback by default), receiving the home agents' notifications and showing one icon per terminal
 * that follows its state without a reload. Runs in the demo and as its own process
 * ({@code mip-aaa presence-page}).
 */
public final class PresencePage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresencePage.class);

    private final Server server;
    private final ServerConnector connector;
    private final PresenceBoard board;
    private final EventStream events;

    private PresencePage(Server server, ServerConnector connector, PresenceBoard board, EventStream events) {
        this.server = server;
        this.connector = connector;
        this.board = board;
        this.events = events;
    }

    public static PresencePage start(PageSettings settings) throws Exception {
        // a small pool: a page serves a few browsers and home agents, on a machine shared with the nodes
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("presence-page");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(settings.listenAddress().getHostAddress());
        connector.setPort(settings.port());
        server.addConnector(connector);
        PresenceBoard board = new PresenceBoard(settings.terminals());
        EventStream events = new EventStream(board, settings.maxBrowsers());
        server.setHandler(new PageHandler(settings, board, events));
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            events.close();
            server.stop();
            throw e;
        }
        PresencePage page = new PresencePage(server, connector, board, events);
        log.info("presence page at {}", page.url());
        return page;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8088/}. */
    public URI url() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Where home agents POST their notifications. */
    public URI notificationUrl() {
        return url().resolve("/presence");
    }

    /** What the page shows now. */
    public PresenceBoard board() {
        return board;
    }

    /** How many browsers follow the events now. */
    public int browsers() {
        return events.browsers();
    }

    @Override
    public void close() {
        events.close();
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("presence page: stopping the web server failed: {}", e.toString());
        }
    }
}
