package org.mipaaa.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Message;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.lab.Topology;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.auth.MnAaaAlgorithm;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;
import org.mipaaa.trace.FlowTrace;

/**
 * Mobile IP registrations per second through the whole path, FA -> AAAF -> AAAH -> HA and back (seed
 * S101-S106), and, in the same run, a bare jDiameter echo of a message of the AMR's size through the
 * same client as the baseline.
 *
 * <p>Four real nodes in one JVM (FA, AAAF, AAAH, HA from {@code config/}, TLS links by default). The
 * AAAH's subscribers are generated for the run: {@code --mobile-nodes} NAIs
 * {@code bench-mn<K>@home.example} with random 128-bit HMAC-MD5 keys, in a temporary subscriber file,
 * and a home address pool that holds them all. Each in-flight slot is a thread with its own UDP socket,
 * acting as the aaam-agent's {@link MobileNode}: a fresh challenge from the FA, a first Registration
 * Request over UDP, the reply checked (accepted, the home agent's and the foreign agent's authenticators
 * verified with the keys the node derives). Slots take the NAIs in turn, so one NAI registers again only
 * after all the others did: the home agent refuses an Identification (a timestamp, RFC 5944 §5.7.1) not
 * newer than the binding's last, and the AAAH gives a NAI that registers again the address it holds.
 *
 * <p>The baseline: the FA node's {@link DiameterClient} sends Home-Agent-MIP-Requests (Mobile IPv4
 * application, the only one the FA and the AAAF share) to the AAAF, padded with an MIP-Filter-Rule AVP to
 * the byte size of the FA's AMR and answered DIAMETER_SUCCESS by a benchmark-only echo handler on the
 * AAAF (the AAAF serves no HAR otherwise): transport, jDiameter, dispatcher, duplicate detection,
 * dictionary check and answer, and nothing of the registration. Same bound in flight, same histogram.
 */
public final class RegistrationBenchmark {

    /** The link security between the nodes. */
    public enum Transport {
        /** The product's default: our transport over TLS 1.3, mutual authentication. */
        TLS(Map.of()),
        /** Our transport over plain TCP. */
        TCP(Map.of("link.security", "none"));

        final Map<String, String> overrides;

        Transport(Map<String, String> overrides) {
            this.overrides = overrides;
        }
    }

    /**
     * What to run.
     *
     * @param configRoot    the role directories
     * @param warmup        registrations (and echoes) before measuring
     * @param registrations registrations (and echoes) measured
     * @param inFlight      registrations (echoes) sent and not yet answered, at most
     * @param mobileNodes   distinct NAIs the registrations cycle through
     * @param transport     the links' security
     */
    public record Options(Path configRoot, int warmup, int registrations, int inFlight, int mobileNodes, Transport transport) {

        public Options {
            if (registrations < 1 || warmup < 0 || inFlight < 1) {
                throw new IllegalArgumentException("registrations >= 1, warm-up >= 0, in flight >= 1");
            }
            if (mobileNodes < 2 * inFlight) {
                // a NAI must never be in flight twice: its second request could overtake the first
                throw new IllegalArgumentException("--mobile-nodes must be at least twice --in-flight (" + 2 * inFlight + ")");
            }
        }
    }

    /**
     * One measured phase.
     *
     * @param name           "registration" or "echo"
     * @param count          exchanges measured
     * @param errors         exchanges that failed (refused, not verified, timed out), by kind
     * @param elapsed        wall time of the phase
     * @param latencyMicros  latencies of the successful exchanges, microseconds
     */
    public record Phase(String name, long count, Map<String, Long> errors, Duration elapsed, Histogram latencyMicros) {

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        public long succeeded() {
            return count - errorCount();
        }

        public double perSecond() {
            return count / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * A run's figures.
     *
     * @param transport          the links' security
     * @param inFlight           the bound in flight
     * @param registration       the registrations measured
     * @param echo               the echoes measured
     * @param amrBytes           the size of the FA's AMR as built by its client
     * @param echoBytes          the size of the echo request as built by the same client
     * @param echoBytesReceived  the size of an echo request as the AAAF decoded it
     * @param amrsAtAaah         AMRs the AAAH received over the whole run (warm-up included)
     * @param harsAtHa           HARs the home agent received over the whole run
     */
    public record Result(Transport transport, int inFlight, Phase registration, Phase echo, int amrBytes, int echoBytes,
                         int echoBytesReceived, long amrsAtAaah, long harsAtHa) {

        public boolean ok() {
            return registration.errorCount() == 0 && echo.errorCount() == 0;
        }
    }

    /** The subscribers' realm (config/aaah). */
    private static final String REALM = "home.example";
    /** The first address of the run's home address pool; config/aaah's own pool lies elsewhere. */
    private static final long POOL_START = (10L << 24) | (200L << 16);
    private static final int REGISTRATION_LIFETIME_S = 1200;
    /** Longer than the FA's wait for the AMA (request.timeout.ms), so the FA's own refusal arrives first. */
    private static final int UDP_TIMEOUT_MS = 10_000;
    private static final Duration PROGRESS = Duration.ofSeconds(2);

    private final PrintStream out;

    public RegistrationBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Starts the four nodes, runs warm-up and measured phases of registrations and of echoes, stops them. */
    public Result run(Options options) throws Exception {
        Path work = Files.createTempDirectory("mip-aaa-bench");
        try {
            List<MobileNode> nodes = new ArrayList<>();
            Path subscribers = writeSubscribers(work, options.mobileNodes(), nodes);
            Map<String, String> overrides = new HashMap<>(options.transport().overrides);
            overrides.put("subscribers.file", subscribers.toAbsolutePath().toString());
            overrides.put("home.address.pool.range", poolRange(options.mobileNodes()));
            overrides.put("handler.queue", Integer.toString(Math.max(1000, options.inFlight() * 4)));
            // the echo is an HAR from the FA to the AAAF, which the shipped peer policy refuses (5003)
            Path policy = work.resolve("policy.properties");
            Files.write(policy, Files.readAllLines(options.configRoot().resolve("policy.properties")).stream()
                    .map(line -> line.startsWith("FA.to.AAAF") ? line + ", HAR" : line).toList());
            overrides.put("policy.file", policy.toAbsolutePath().toString());
            AtomicInteger echoBytesReceived = new AtomicInteger();
            RequestHandler echo = request -> {
                if (echoBytesReceived.get() == 0) {
                    echoBytesReceived.set(encodedSize(request));
                }
                return new EchoHandler().handle(request);
            };
            LongAdder amrs = new LongAdder();
            LongAdder hars = new LongAdder();
            FlowTrace trace = new FlowTrace();
            try (LoopbackSetup setup = LoopbackSetup.create(options.configRoot(), true, overrides);
                 Topology topology = Topology.start(options.configRoot(), EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA),
                         setup.overrides(),
                         ctx -> {
                             Object part = RoleApplications.STANDARD.install(ctx);
                             if (ctx.role() == Role.AAAF) {
                                 // the echo's HAR: as big as the AMR, served by the AAAF's pipeline, no state
                                 ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.HOME_AGENT_MIP, echo);
                             }
                             return part;
                         },
                         trace)) {
                if (!topology.awaitLinks(Duration.ofSeconds(20))) {
                    throw new IllegalStateException("the peer links did not come up within 20 s");
                }
                String aaah = topology.node(Role.AAAH).host();
                String ha = topology.node(Role.HA).host();
                trace.add(e -> {
                    // every message a node decodes: proof that what is measured reaches the AAAH and the HA
                    if (e.request() && e.to().equals(aaah) && "AMR".equals(e.command())) {
                        amrs.increment();
                    } else if (e.request() && e.to().equals(ha) && "HAR".equals(e.command())) {
                        hars.increment();
                    }
                });
                ForeignAgent fa = topology.node(Role.FA).installation().fa().agent();
                DiameterNode faNode = topology.node(Role.FA);
                DiameterNode aaaf = topology.node(Role.AAAF);

                // the echo request, padded to the size of the AMR the FA sends for the longest NAI
                MobileNode longest = nodes.get(nodes.size() - 1);
                ForeignAgent.Advertisement sample = fa.advertise();
                byte[] registrationBytes = longest.firstRegistration(sample.careOfAddress(), sample.challenge(),
                        REGISTRATION_LIFETIME_S).bytes();
                int amrBytes = encodedSize(fa.amr(registrationBytes).request());
                EchoRequests echoes = new EchoRequests(faNode.client(), aaaf.realm(), aaaf.host(), longest.nai(), registrationBytes);
                int echoBytes = echoes.padTo(amrBytes);
                out.printf("%s links, %d in flight, %d mobile nodes; AMR %d bytes, echo request %d bytes%n",
                        options.transport(), options.inFlight(), options.mobileNodes(), amrBytes, echoBytes);

                AtomicLong sequence = new AtomicLong();
                out.printf("registration warm-up: %d%n", options.warmup());
                Phase regWarm = registrations(fa, nodes, sequence, options.warmup(), options.inFlight(), null);
                out.printf("echo warm-up: %d%n", options.warmup());
                Phase echoWarm = echoes(echoes, options.warmup(), options.inFlight(), null);
                warnIfErrors("warm-up", regWarm, echoWarm);
                out.printf("registrations: measuring %d%n", options.registrations());
                Phase registration = registrations(fa, nodes, sequence, options.registrations(), options.inFlight(), new Recorder(3));
                out.printf("echo: measuring %d%n", options.registrations());
                Phase echoPhase = echoes(echoes, options.registrations(), options.inFlight(), new Recorder(3));
                return new Result(options.transport(), options.inFlight(), registration, echoPhase, amrBytes, echoBytes,
                        echoBytesReceived.get(), amrs.sum(), hars.sum());
            }
        } finally {
            delete(work);
        }
    }

    private void warnIfErrors(String what, Phase registrations, Phase echoes) {
        if (registrations.errorCount() > 0 || echoes.errorCount() > 0) {
            out.printf("!! %s: %d registration errors %s, %d echo errors %s%n", what, registrations.errorCount(),
                    registrations.errors(), echoes.errorCount(), echoes.errors());
        }
    }

    /**
     * {@code count} first registrations, {@code inFlight} slots each with its own socket; the NAIs in
     * turn from {@code sequence}.
     */
    private Phase registrations(ForeignAgent fa, List<MobileNode> nodes, AtomicLong sequence, int count, int inFlight,
                                Recorder recorder) throws InterruptedException {
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        AtomicLong issued = new AtomicLong();
        LongAdder done = new LongAdder();
        CountDownLatch finished = new CountDownLatch(inFlight);
        long start = System.nanoTime();
        for (int slot = 0; slot < inFlight; slot++) {
            Thread t = new Thread(() -> {
                try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    socket.setSoTimeout(UDP_TIMEOUT_MS);
                    byte[] buffer = new byte[4096];
                    while (issued.getAndIncrement() < count) {
                        MobileNode mn = nodes.get((int) (sequence.getAndIncrement() % nodes.size()));
                        String error = registerOnce(fa, mn, socket, buffer, recorder);
                        if (error != null) {
                            errors.computeIfAbsent(error, k -> new LongAdder()).increment();
                        }
                        done.increment();
                    }
                } catch (IOException e) {
                    errors.computeIfAbsent("slot failed: " + e, k -> new LongAdder()).increment();
                } finally {
                    finished.countDown();
                }
            }, "bench-mn-slot-" + slot);
            t.setDaemon(true);
            t.start();
        }
        while (!finished.await(PROGRESS.toMillis(), TimeUnit.MILLISECONDS)) {
            progress("registrations", done.sum(), count, errors, start);
        }
        return phase("registration", count, errors, start, recorder);
    }

    /** One first registration; null when accepted and verified, else what went wrong. */
    private static String registerOnce(ForeignAgent fa, MobileNode mn, DatagramSocket socket, byte[] buffer, Recorder recorder) {
        ForeignAgent.Advertisement ad = fa.advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), REGISTRATION_LIFETIME_S);
        byte[] request = registration.bytes();
        long sent = System.nanoTime();
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
            socket.send(new DatagramPacket(request, request.length, ad.registrationAddress()));
            socket.receive(reply);
        } catch (SocketTimeoutException e) {
            return "no reply within " + UDP_TIMEOUT_MS + " ms";
        } catch (IOException e) {
            return "UDP: " + e.getMessage();
        }
        long latency = System.nanoTime() - sent;
        MobileNode.Outcome outcome;
        try {
            outcome = registration.accept(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
        } catch (MalformedRegistrationException e) {
            return "malformed reply: " + e.problem();
        }
        if (!outcome.accepted()) {
            return outcome.problem();
        }
        if (outcome.mnHaKey() == null || outcome.mnFaKey() == null) {
            return "accepted without both MN-HA and MN-FA keys";
        }
        if (recorder != null) {
            recorder.recordValue(Math.max(1, latency / 1000));
        }
        return null;
    }

    /** {@code count} echoes through the FA's client, at most {@code inFlight} unanswered. */
    private Phase echoes(EchoRequests echoes, int count, int inFlight, Recorder recorder) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder done = new LongAdder();
        long start = System.nanoTime();
        long lastReport = start;
        for (int i = 0; i < count; i++) {
            while (!window.tryAcquire(PROGRESS.toMillis(), TimeUnit.MILLISECONDS)) {
                lastReport = System.nanoTime();
                progress("echo", done.sum(), count, errors, start);
            }
            long sent = System.nanoTime();
            CompletableFuture<Answer> answer;
            try {
                answer = echoes.next().send();
            } catch (Exception e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((a, failure) -> {
                try {
                    long result = failure != null ? -1 : AnswerResult.resultCode(a);
                    String error = failure != null ? "no answer: " + failure
                            : result < 0 ? "answer without Result-Code"
                            : result != ResultCodes.SUCCESS ? "Result-Code " + result : null;
                    if (error != null) {
                        errors.computeIfAbsent(error, k -> new LongAdder()).increment();
                    } else if (recorder != null) {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                    }
                } catch (Exception e) {
                    errors.computeIfAbsent("answer: " + e, k -> new LongAdder()).increment();
                } finally {
                    done.increment();
                    window.release();
                }
            });
            if (System.nanoTime() - lastReport > PROGRESS.toNanos()) {
                lastReport = System.nanoTime();
                progress("echo", done.sum(), count, errors, start);
            }
        }
        while (!window.tryAcquire(inFlight, PROGRESS.toMillis(), TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(3600)) {
                throw new IllegalStateException("echo answers missing");
            }
            progress("echo", done.sum(), count, errors, start);
        }
        return phase("echo", count, errors, start, recorder);
    }

    private void progress(String what, long done, long count, Map<String, LongAdder> errors, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = errors.values().stream().mapToLong(LongAdder::sum).sum();
        out.printf("  ... %s %d / %d, %d errors, %.0f/s%n", what, done, count, failed, done / seconds);
    }

    private static Phase phase(String name, long count, Map<String, LongAdder> errors, long start, Recorder recorder) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((k, v) -> byKind.put(k, v.sum()));
        Histogram h = recorder == null ? new Histogram(3) : recorder.getIntervalHistogram();
        return new Phase(name, count, byKind, elapsed, h);
    }

    /** The echo requests: an HAR with the registration's AVPs, padded with an MIP-Filter-Rule. */
    private static final class EchoRequests {

        private static final String RULE = "permit in ip from any to any";

        private final DiameterClient client;
        private final String realm;
        private final String host;
        private final String nai;
        private final byte[] registration;
        private String padding;

        EchoRequests(DiameterClient client, String realm, String host, String nai, byte[] registration) {
            this.client = client;
            this.realm = realm;
            this.host = host;
            this.nai = nai;
            this.registration = registration;
        }

        /** Chooses the padding that makes a request {@code bytes} long; returns the size reached. */
        int padTo(int bytes) throws Exception {
            int bare = encodedSize(build(null).request());
            int missing = bytes - bare;
            if (missing < 8) {
                throw new IllegalStateException("the echo request (" + bare + " bytes) cannot be padded to the AMR's " + bytes);
            }
            int length = missing - 8; // AVP header; both sizes are multiples of 4
            padding = length >= RULE.length() ? RULE + " ".repeat(length - RULE.length()) : "x".repeat(length);
            return encodedSize(build(padding).request());
        }

        DiameterClient.OutgoingRequest next() throws Exception {
            return build(padding);
        }

        private DiameterClient.OutgoingRequest build(String pad) throws Exception {
            DiameterClient.OutgoingRequest har = client.newRequest(CommandCodes.HOME_AGENT_MIP,
                    ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), realm, host);
            AvpWriter avps = har.avps()
                    .add(AvpCodes.AUTHORIZATION_LIFETIME, REGISTRATION_LIFETIME_S)
                    .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED)
                    .add(AvpCodes.MIP_REG_REQUEST, registration)
                    .add(AvpCodes.USER_NAME, nai)
                    .add(AvpCodes.MIP_FEATURE_VECTOR, Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST);
            if (pad != null) {
                avps.add(AvpCodes.MIP_FILTER_RULE, pad);
            }
            return har;
        }
    }

    /** The size in bytes of {@code message} encoded as jDiameter sends it. */
    static int encodedSize(Message message) {
        try {
            return new MessageParser().encodeMessage((IMessage) message).remaining();
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode " + message.getCommandCode(), e);
        }
    }

    /** Writes the subscriber file of {@code count} NAIs with random keys; adds their mobile nodes to {@code nodes}. */
    private static Path writeSubscribers(Path dir, int count, List<MobileNode> nodes) throws IOException {
        Path file = dir.resolve("subscribers.properties");
        SecureRandom random = new SecureRandom();
        Inet4Address anyHomeAgent = Ipv4.parse("0.0.0.0");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# generated by the registration benchmark\n");
            for (int k = 1; k <= count; k++) {
                String nai = "bench-mn" + k + "@" + REALM;
                byte[] key = new byte[16];
                random.nextBytes(key);
                w.write("subscriber." + nai + ".spi=256\n");
                w.write("subscriber." + nai + ".algorithm=HMAC_MD5\n");
                w.write("subscriber." + nai + ".key.hex=" + HexFormat.of().formatHex(key) + "\n");
                nodes.add(new MobileNode(nai, new MnAaaSecurityAssociation(256, MnAaaAlgorithm.HMAC_MD5, key), anyHomeAgent,
                        Clock.systemUTC()));
            }
        }
        return file;
    }

    /** {@code count} addresses from 10.200.0.0. */
    private static String poolRange(int count) {
        long last = POOL_START + count - 1;
        return Ipv4.format(address(POOL_START)) + "-" + Ipv4.format(address(last));
    }

    private static Inet4Address address(long a) {
        return Ipv4.fromBytes(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}, 0);
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table of a run: both phases, their ratio, the message sizes and the arrivals counted. */
    public static void report(PrintStream out, Result r) {
        out.printf("%n%-13s %9s %7s %9s %8s %8s %9s %8s%n", "", "measured", "errors", "per s", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        for (Phase p : List.of(r.registration(), r.echo())) {
            Histogram h = p.latencyMicros();
            out.printf("%-13s %9d %7d %9.0f %8.2f %8.2f %9.2f %8.2f%n", p.name(), p.count(), p.errorCount(), p.perSecond(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
        }
        out.printf("registrations / echoes per second: %.3f (%s links, %d in flight)%n",
                r.registration().perSecond() / r.echo().perSecond(), r.transport(), r.inFlight());
        out.printf("request sizes: AMR %d bytes, echo %d bytes (%d as the AAAF decoded it)%n", r.amrBytes(), r.echoBytes(),
                r.echoBytesReceived());
        out.printf("seen over the run (warm-up included): %d AMRs at the AAAH, %d HARs at the HA%n", r.amrsAtAaah(), r.harsAtHa());
        for (Phase p : List.of(r.registration(), r.echo())) {
            p.errors().forEach((kind, n) -> out.printf("!! %s error: %d x %s%n", p.name(), n, kind));
        }
    }
}
