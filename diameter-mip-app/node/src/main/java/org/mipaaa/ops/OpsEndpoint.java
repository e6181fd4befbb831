package org.mipaaa.ops;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's operations endpoint over HTTP: {@code GET /metrics} (the node's meters in Prometheus' text
 * format), {@code GET /health/live} (200 while the process serves HTTP at all) and
 * {@code GET /health/ready} (200 when {@link Readiness} holds, else 503; both with the checks as JSON).
 * It answers nothing else, and reads no request body.
 */
public final class OpsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsEndpoint.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;

    private OpsEndpoint(Server server, ServerConnector connector, boolean tls) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
    }

    /** Listens on {@code address}:{@code port} (0: a free port) until closed. */
    public static OpsEndpoint start(String address, int port, String nodeName, PrometheusMeterRegistry meters, Readiness readiness)
            throws Exception {
        return start(address, port, nodeName, meters, readiness, null);
    }

    /** As {@link #start(String, int, String, PrometheusMeterRegistry, Readiness)}, with the AAAH's billing resources when not null. */
    public static OpsEndpoint start(String address, int port, String nodeName, PrometheusMeterRegistry meters, Readiness readiness,
                                    BillingResource billing) throws Exception {
        return start(address, port, nodeName, meters, readiness, billing, null);
    }

    /**
     * As {@link #start(String, int, String, PrometheusMeterRegistry, Readiness, BillingResource)}, over TLS
     * with {@code tls} when not null: HTTPS, and only clients with a certificate {@code tls} trusts (the
     * node's PKI: a carrier issues one to its Prometheus and billing hosts) get an answer.
     */
    public static OpsEndpoint start(String address, int port, String nodeName, PrometheusMeterRegistry meters, Readiness readiness,
                                    BillingResource billing, SSLContext tls) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(4, 1);
        threads.setName(nodeName + "-ops");
        Server server = new Server(threads);
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, 1, 1);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            ssl.setNeedClientAuth(true);
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            HttpConfiguration https = new HttpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // scraped by address; the client's certificate is what is checked
            https.addCustomizer(secure);
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        }
        connector.setHost(address);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Routes(meters, readiness, billing));
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException(nodeName + ": cannot serve the operations endpoint on " + address + ":" + port
                    + " (ops.address, ops.port): " + e.getMessage(), e);
        }
        OpsEndpoint endpoint = new OpsEndpoint(server, connector, tls != null);
        log.info("{}: metrics at {}metrics, health at {}health/ready", nodeName, endpoint.url(), endpoint.url());
        return endpoint;
    }

    /** The endpoint's base URL ({@code http://address:port/}). */
    public URI url() {
        return URI.create((tls ? "https://" : "http://") + connector.getHost() + ":" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("operations endpoint: stopping the web server failed: {}", e.toString());
        }
    }

    private static final class Routes extends Handler.Abstract {
        private final PrometheusMeterRegistry meters;
        private final Readiness readiness;
        private final BillingResource billing;

        Routes(PrometheusMeterRegistry meters, Readiness readiness, BillingResource billing) {
            this.meters = meters;
            this.readiness = readiness;
            this.billing = billing;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (billing != null && billing.accepts(request.getMethod(), path) && billing.handle(path, request, response, callback)) {
                return true;
            }
            boolean closing = billing != null && path.equals("/billing/close");
            if (closing || !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, closing ? "POST" : "GET, HEAD");
                reply(response, callback, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return true;
            }
            switch (path) {
                case "/metrics" -> reply(response, callback, 200, PROMETHEUS_TEXT, meters.scrape());
                case "/health/live" -> reply(response, callback, 200, "application/json", "{\"status\":\"UP\"}\n");
                case "/health/ready" -> {
                    Readiness.Report report = readiness.check();
                    reply(response, callback, report.ready() ? 200 : 503, "application/json", json(report));
                }
                default -> reply(response, callback, 404, "text/plain; charset=utf-8",
                        "not found: GET /metrics, /health/live or /health/ready\n");
            }
            return true;
        }

        private static String json(Readiness.Report report) {
            return "{\"status\":\"" + (report.ready() ? "UP" : "DOWN") + "\",\"checks\":{"
                    + report.checks().entrySet().stream().map(OpsEndpoint.Routes::member).collect(Collectors.joining(","))
                    + "}}\n";
        }

        private static String member(Map.Entry<String, String> e) {
            return quoted(e.getKey()) + ":" + quoted(e.getValue());
        }

        private static String quoted(String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }

    static void reply(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }
}
