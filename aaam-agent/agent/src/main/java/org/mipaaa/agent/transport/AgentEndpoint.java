package org.mipaaa.agent.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and as whom the agent connects: the AAAH (or the AAAF of the visited network), the server's
 * DiameterIdentity the agent insists on, this mobile node's DIAMETER identity, and the timers.
 * Made with {@link #builder}; immutable and thread-safe.
 *
 * <pre>{@code
 * AgentEndpoint endpoint = AgentEndpoint.builder("192.0.2.10", 3869, tls)
 *         .originHost("mn1.home.example").originRealm("home.example")
 *         .expectedServer("aaaf.visited.example")            // required: no other server is accepted
 *         .application(vendor.vendorId(), vendor.accountingServicesApplicationId())
 *         .build();
 * }</pre>
 *
 * <p>Defaults: {@link #DEFAULT_REQUEST_TIMEOUT} for an answer, {@link #DEFAULT_CONNECT_TIMEOUT} for the
 * TCP connection, TLS handshake and CER/CEA together, {@link #DEFAULT_CONNECT_ATTEMPTS} attempts to
 * connect, and a request sent once more (T flag) when no answer came after a quarter of the request
 * timeout, at least 250 ms and at most 2 s ({@link Builder#retransmitAfter}).
 */
public final class AgentEndpoint {

    /** How long the agent waits for an answer by default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long connecting (TCP, TLS handshake, CER/CEA) may take by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Connection attempts by default: a server may leave the first CER unanswered (docs/PROTOCOL.md §3.3). */
    public static final int DEFAULT_CONNECT_ATTEMPTS = 2;
    /**
     * How long the user may take to confirm a settlement by default: the AAAH's shipped
     * {@code services.confirmation.timeout.ms}.
     */
    public static final Duration DEFAULT_CONFIRMATION_WINDOW = Duration.ofSeconds(120);
    /** The most DiameterIdentity octets accepted from a vendor or a server (RFC 6733 §4.3.1: an FQDN, 255 at most). */
    static final int MAX_IDENTITY_LENGTH = 255;

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final String originHost;
    private final String originRealm;
    private final List<Application> applications;
    private final Duration timeout;
    private final String expectedServer;
    private final Duration connectTimeout;
    private final int connectAttempts;
    private final Duration retransmitAfter;
    private final WireTap wireTap;
    private final Duration confirmationWindow;
    /** The other servers the agent may use when this one cannot be reached (each without alternates of its own). */
    private final List<AgentEndpoint> alternates;

    private AgentEndpoint(String host, int port, SSLContext tls, String originHost, String originRealm, List<Application> applications,
                          Duration timeout, String expectedServer, Duration connectTimeout, int connectAttempts, Duration retransmitAfter,
                          WireTap wireTap, Duration confirmationWindow, List<AgentEndpoint> alternates) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        this.port = port;
        this.tls = Objects.requireNonNull(tls, "tls");
        this.originHost = identity(originHost, "originHost");
        this.originRealm = identity(originRealm, "originRealm");
        this.applications = List.copyOf(applications);
        this.timeout = positive(timeout, "timeout");
        this.expectedServer = expectedServer == null ? null : identity(expectedServer, "expectedServer");
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        if (connectAttempts < 1 || connectAttempts > 10) {
            throw new IllegalArgumentException("connectAttempts must be 1..10, not " + connectAttempts);
        }
        this.connectAttempts = connectAttempts;
        this.retransmitAfter = Objects.requireNonNull(retransmitAfter, "retransmitAfter");
        if (retransmitAfter.isNegative()) {
            throw new IllegalArgumentException("retransmitAfter must not be negative: " + retransmitAfter);
        }
        this.wireTap = Objects.requireNonNull(wireTap, "wireTap");
        this.confirmationWindow = positive(confirmationWindow, "confirmationWindow");
        this.alternates = java.util.Collections.unmodifiableList(new ArrayList<>(alternates));
    }

    /**
     * An endpoint that accepts any server whose certificate names the Origin-Host of its CEA.
     *
     * @deprecated a certificate from the CA is not enough: the CA certifies the mobile nodes too. Use
     *             {@link #builder} and name the server ({@link Builder#expectedServer}), or at least call
     *             {@link #expecting} on the result. Kept so that code written against the first version
     *             compiles; it logs a warning at each connection.
     */
    @Deprecated(forRemoval = true)
    public AgentEndpoint(String host, int port, SSLContext tls, String originHost, String originRealm,
                         List<Application> applications, Duration timeout) {
        this(host, port, tls, originHost, originRealm, applications, timeout, null, timeout, DEFAULT_CONNECT_ATTEMPTS,
                defaultRetransmission(timeout), WireTap.NONE, DEFAULT_CONFIRMATION_WINDOW, java.util.Collections.<AgentEndpoint>emptyList());
    }

    /** A builder for the server at {@code host}:{@code port} (its TLS port), reached with {@code tls}. */
    public static Builder builder(String host, int port, SSLContext tls) {
        return new Builder(host, port, tls);
    }

    /** This endpoint, accepting only the server {@code server} (its DiameterIdentity). */
    public AgentEndpoint expecting(String server) {
        return new AgentEndpoint(host, port, tls, originHost, originRealm, applications, timeout, Objects.requireNonNull(server, "server"),
                connectTimeout, connectAttempts, retransmitAfter, wireTap, confirmationWindow, alternates);
    }

    /**
     * The servers the agent may talk to, in the order it tries them: this one, then the alternates
     * ({@link Builder#alternate}), e.g. the other members of a cluster of AAAHs. Each is an endpoint with
     * the same identity, keys and timers; only the address and the server's identity differ.
     */
    public List<AgentEndpoint> servers() {
        List<AgentEndpoint> all = new ArrayList<>();
        all.add(alternates.isEmpty() ? this : new AgentEndpoint(host, port, tls, originHost, originRealm, applications, timeout,
                expectedServer, connectTimeout, connectAttempts, retransmitAfter, wireTap, confirmationWindow,
                java.util.Collections.<AgentEndpoint>emptyList()));
        all.addAll(alternates);
        return java.util.Collections.unmodifiableList(all);
    }

    /** The server's address (an IP literal or a resolvable name). */
    public String host() {
        return host;
    }

    /** Its TLS port (RFC 6733 §13: the handshake comes first). */
    public int port() {
        return port;
    }

    /** The JSSE context holding this node's key and the CAs it trusts. */
    public SSLContext tls() {
        return tls;
    }

    /** This node's DiameterIdentity; its certificate must name it. */
    public String originHost() {
        return originHost;
    }

    public String originRealm() {
        return originRealm;
    }

    /** The applications advertised in CER. */
    public List<Application> applications() {
        return applications;
    }

    /** How long to wait for an answer. */
    public Duration timeout() {
        return timeout;
    }

    /** The server's DiameterIdentity the agent insists on; null only for an endpoint of the deprecated constructor. */
    public String expectedServer() {
        return expectedServer;
    }

    /** How long connecting (TCP, TLS handshake, CER/CEA) may take, all together. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How often the agent tries to connect before it gives up. */
    public int connectAttempts() {
        return connectAttempts;
    }

    /** After how long without an answer a request is sent once more with the T flag; zero: never. */
    public Duration retransmitAfter() {
        return retransmitAfter;
    }

    /** What sees the messages of this endpoint's connections ({@link WireTap#NONE} unless set). */
    public WireTap wireTap() {
        return wireTap;
    }

    /**
     * How long the user may take to confirm a settlement: after the AAAH answered CONFIRMATION_PENDING the
     * agent waits this long for its User-Confirmation-Request and the user's decision, then asks for the
     * outcome. At least the AAAH's confirmation window.
     */
    public Duration confirmationWindow() {
        return confirmationWindow;
    }

    private static Duration defaultRetransmission(Duration timeout) {
        long quarter = timeout.toMillis() / 4;
        return Duration.ofMillis(Math.max(250, Math.min(2000, quarter)));
    }

    private static String identity(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_IDENTITY_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_IDENTITY_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                throw new IllegalArgumentException(what + " holds a control character or a space");
            }
        }
        return value;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "AgentEndpoint[" + host + ":" + port + ", server " + (expectedServer == null ? "any certified" : expectedServer)
                + (alternates.isEmpty() ? "" : ", " + alternates.size() + " alternate(s)") + ", as " + originHost + "]";
    }

    /** An application of CER: {@code vendorId} 0 for a standard one. Immutable. */
    public static final class Application {
        private final long vendorId;
        private final long applicationId;

        public Application(long vendorId, long applicationId) {
            this.vendorId = vendorId;
            this.applicationId = applicationId;
        }

        public long vendorId() {
            return vendorId;
        }

        public long applicationId() {
            return applicationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Application && ((Application) o).vendorId == vendorId && ((Application) o).applicationId == applicationId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(vendorId) * 31 + Long.hashCode(applicationId);
        }

        @Override
        public String toString() {
            return "Application[vendorId=" + vendorId + ", applicationId=" + applicationId + "]";
        }
    }

    /** Builds an {@link AgentEndpoint}; not thread-safe (one builder per thread). */
    public static final class Builder {
        private final String host;
        private final int port;
        private final SSLContext tls;
        private String originHost;
        private String originRealm;
        private String expectedServer;
        private final List<Application> applications = new ArrayList<>();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int connectAttempts = DEFAULT_CONNECT_ATTEMPTS;
        private Duration retransmitAfter;
        private WireTap wireTap = WireTap.NONE;
        private Duration confirmationWindow = DEFAULT_CONFIRMATION_WINDOW;
        private final List<String[]> alternates = new ArrayList<>();

        private Builder(String host, int port, SSLContext tls) {
            this.host = host;
            this.port = port;
            this.tls = tls;
        }

        /** This node's DiameterIdentity (required); its certificate must name it. */
        public Builder originHost(String value) {
            this.originHost = value;
            return this;
        }

        /** This node's realm (required). */
        public Builder originRealm(String value) {
            this.originRealm = value;
            return this;
        }

        /**
         * The DiameterIdentity of the server the agent talks to (required): its AAAH, or the AAAF it uses.
         * A server whose CEA's Origin-Host is another, or whose certificate does not name it, is refused.
         */
        public Builder expectedServer(String value) {
            this.expectedServer = value;
            return this;
        }

        /** An application to advertise in CER ({@code vendorId} 0 for a standard one); at least one. */
        public Builder application(long vendorId, long applicationId) {
            applications.add(new Application(vendorId, applicationId));
            return this;
        }

        /** How long to wait for an answer ({@link #DEFAULT_REQUEST_TIMEOUT} without). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** How long TCP connect, TLS handshake and CER/CEA may take together ({@link #DEFAULT_CONNECT_TIMEOUT} without). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** How often to try to connect, 1..10 ({@link #DEFAULT_CONNECT_ATTEMPTS} without). */
        public Builder connectAttempts(int value) {
            this.connectAttempts = value;
            return this;
        }

        /**
         * After how long without an answer a request is sent once more with the T flag (RFC 6733 §3), zero
         * for never; without it a quarter of the request timeout, at least 250 ms and at most 2 s.
         */
        public Builder retransmitAfter(Duration value) {
            this.retransmitAfter = value;
            return this;
        }

        /** What sees each message sent and received, as bytes (diagnostics; none without). */
        public Builder wireTap(WireTap value) {
            this.wireTap = value;
            return this;
        }

        /**
         * How long the user may take to confirm a settlement ({@link #DEFAULT_CONFIRMATION_WINDOW}
         * without): at least the AAAH's {@code services.confirmation.timeout.ms}.
         */
        public Builder confirmationWindow(Duration value) {
            this.confirmationWindow = value;
            return this;
        }

        /**
         * Another server the agent may use when it cannot reach the ones before (repeatable, tried in
         * order): another member of the home realm's cluster of AAAHs, or another AAAF of the visited
         * network. It is held to the same rules: its certificate and its CEA must name {@code expectedServer}.
         * A request without answer when its connection dropped is sent again there, with the T flag.
         */
        public Builder alternate(String host, int port, String expectedServer) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, not " + port);
            }
            alternates.add(new String[] {Objects.requireNonNull(host, "host"), Integer.toString(port),
                    Objects.requireNonNull(expectedServer, "expectedServer")});
            return this;
        }

        /** The endpoint; throws when a required value is missing or a value is out of range. */
        public AgentEndpoint build() {
            if (originHost == null || originRealm == null) {
                throw new IllegalStateException("originHost and originRealm are required");
            }
            if (expectedServer == null) {
                throw new IllegalStateException("expectedServer is required: name the server (AAAH or AAAF) the agent talks to");
            }
            if (applications.isEmpty()) {
                throw new IllegalStateException("at least one application to advertise in CER");
            }
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Duration retransmission = retransmitAfter != null ? retransmitAfter : defaultRetransmission(requestTimeout);
            List<AgentEndpoint> others = new ArrayList<>();
            for (String[] alternate : alternates) {
                others.add(new AgentEndpoint(alternate[0], Integer.parseInt(alternate[1]), tls, originHost, originRealm, applications,
                        requestTimeout, alternate[2], connectTimeout, connectAttempts, retransmission, wireTap, confirmationWindow,
                        java.util.Collections.<AgentEndpoint>emptyList()));
            }
            return new AgentEndpoint(host, port, tls, originHost, originRealm, applications, requestTimeout, expectedServer,
                    connectTimeout, connectAttempts, retransmission, wireTap, confirmationWindow, others);
        }
    }
}
