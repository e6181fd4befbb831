package org.mipaaa.probe;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.GeneralizedMnAaaAuthentication;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.MalformedRegistrationException;
import org.mipaaa.mobileip.MnFaChallenge;
import org.mipaaa.mobileip.MnHaKeyGenerationNonceRequest;
import org.mipaaa.mobileip.MobileNodeNai;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationCodec;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.RequestFlag;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.probe.CheckResult.Verdict;
import org.mipaaa.probe.ProbeLink.Exchange;

/**
 * A conformance run against another implementation (an AAAH, a home agent, a relay): the probe plays
 * the role opposite the peer over one real connection, sends what the RFCs say the peer must serve and
 * the RFC 6733 error cases, and judges each answer by the RFC's words, the bytes kept for the report.
 *
 * <p>The checks, in order (a check that needs the link is skipped once it is lost):
 * <ol>
 * <li>capabilities exchange (RFC 6733 §5.3): the CEA, or, when the peer dials in, its CER;</li>
 * <li>device watchdog (§5.5, RFC 3539 §3.4);</li>
 * <li>for an AAAH or a home agent: an unknown command is 3001 and an unadvertised application 3007,
 *     both with the E bit (§7.1.3, §7.2); an unknown AVP with the M bit is 5001 naming it in Failed-AVP
 *     (§7.1.5); a required AVP missing is 5005 naming it (§7.1.5, §7.5); a session the peer never had
 *     is 5002 (§8.4, §8.5); a retransmission with the T flag gets the first answer's result (§3, §6.2);</li>
 * <li>for an AAAH with a subscriber's credentials: an AMR with a wrong MN-AAA authenticator is 4001
 *     and gives nothing away (RFC 4004 §3); a registration (§5.1-§5.2), the START record of its visit
 *     (RFC 6733 §9.7, RFC 4004 §10), its renewal in the same session (§4.1.1-§4.1.2) and the end of
 *     its session by STR (§4.1.3, RFC 6733 §8.4);</li>
 * <li>for a home agent: a registration in which it allocates the home address (RFC 4004 §5.3-§5.4),
 *     its renewal in the same session with the same Acct-Multi-Session-Id (§4.1.2), the abort of the
 *     session and the STR that follows it (RFC 6733 §8.4-§8.5); an HAR with packet filter rules it does
 *     not apply is 4008 (RFC 4004 §6.1);</li>
 * <li>disconnect peer (§5.4);</li>
 * <li>for an AAAH with a mobile node's TLS identity: the mobile-node services of our vendor
 *     application, the probe playing the node with the agent library ({@link ServicesProbe}).</li>
 * </ol>
 */
public final class ConformanceProbe {

    /** A command code no application defines (RFC 6733 §11.2.1: 16777214 and up are reserved). */
    static final int UNKNOWN_COMMAND = 16_777_213;
    /** An application neither side advertises: Diameter Credit-Control's (RFC 4006). */
    static final long UNADVERTISED_APPLICATION = 4;
    /** An AVP code of no dictionary (vendor 0, far past every IANA allocation). */
    static final int UNKNOWN_AVP = 16_777_201;

    private final ProbeTarget target;
    private final Dictionary dictionary;
    private final List<CheckResult> results = new ArrayList<>();
    private String peerHost;
    private boolean linkLost;
    /** What the AMA of the registration check said: its Acct-Multi-Session-Id and home address, for the ACR. */
    private IMessage registeredAma;

    public ConformanceProbe(ProbeTarget target, Dictionary dictionary) {
        if (target.kind() == ProbeTarget.Kind.FA) {
            throw new IllegalArgumentException("a foreign agent is probed over Mobile IP's UDP: ForeignAgentProbe");
        }
        this.target = target;
        this.dictionary = dictionary;
    }

    /** Runs every check that applies to the peer; never throws for what the peer does. */
    public ProbeReport run() {
        try (ProbeLink link = target.dial()
                ? ProbeLink.connect(target.address(), target.tls(), target.timeout(), dictionary, target.ownHost(), target.ownRealm())
                : ProbeLink.accept(target.address(), target.tls(), target.timeout().multipliedBy(6), dictionary, target.ownHost(),
                        target.ownRealm())) {
            if (target.dial()) {
                check("capabilities-exchange", "RFC 6733 §5.3", "answers our CER with a CEA 2001 that names itself", () -> cea(link));
            } else {
                check("capabilities-exchange", "RFC 6733 §5.3.1", "opens with a CER that names itself", () -> cer(link));
            }
            if (results.get(0).verdict() != Verdict.PASS) {
                linkLost = true;
            }
            check("device-watchdog", "RFC 6733 §5.5", "answers a DWR with a DWA 2001", () -> watchdog(link));
            if (target.kind() != ProbeTarget.Kind.RELAY) {
                check("command-unsupported", "RFC 6733 §7.1.3", "answers a command it does not know with 3001 and the E bit",
                        () -> protocolError(link, unknownCommand(link), ResultCodes.COMMAND_UNSUPPORTED));
                check("application-unsupported", "RFC 6733 §7.1.3", "answers an application it did not advertise with 3007 and the E bit",
                        () -> protocolError(link, sessionRequest(link, link.newSession(), UNADVERTISED_APPLICATION, true),
                                ResultCodes.APPLICATION_UNSUPPORTED));
                check("avp-unsupported", "RFC 6733 §7.1.5", "answers an unknown AVP with the M bit with 5001, naming it in Failed-AVP",
                        () -> unknownMandatoryAvp(link));
                check("avp-missing", "RFC 6733 §7.1.5, §7.5", "answers a request without a required AVP with 5005, naming it in Failed-AVP",
                        () -> missingAvp(link));
                check("session-unknown", "RFC 6733 §8.4-§8.5", "answers " + sessionCommand() + " of a session it never had with 5002",
                        () -> unknownSession(link));
                check("retransmission", "RFC 6733 §3, §6.2", "answers a retransmission (T flag, same End-to-End Identifier) as the first",
                        () -> retransmission(link));
            }
            if (target.kind() == ProbeTarget.Kind.AAAH) {
                registration(link);
            }
            if (target.kind() == ProbeTarget.Kind.HA) {
                homeAgentRegistration(link);
                check("filter-rule-unsupported", "RFC 4004 §6.1, §7.8",
                        "answers an HAR with packet filter rules it does not apply with 4008 and binds nothing", () -> filterRule(link));
            }
            check("disconnect-peer", "RFC 6733 §5.4", "answers a DPR with a DPA 2001", () -> disconnect(link));
        } catch (IOException e) {
            results.add(new CheckResult("connection", "RFC 6733 §2.1", "accepts a connection", Verdict.FAIL,
                    target.describe() + ": " + e.getMessage(), null, null));
        }
        // after our DPR: the mobile node's own connection, so the services pass no link of the probe's
        target.services().ifPresent(services ->
                results.addAll(new ServicesProbe(services, target.mobileNode().orElseThrow(), target.timeout()).run()));
        return new ProbeReport(target.describe(), results);
    }

    /** One check, judged by {@code body}; after the link is lost, skipped. */
    private void check(String id, String rfc, String title, CheckBody body) {
        if (linkLost) {
            results.add(new CheckResult(id, rfc, title, Verdict.SKIPPED, "the link is down", null, null));
            return;
        }
        try {
            Judged j = body.run();
            results.add(new CheckResult(id, rfc, title, j.verdict(), j.detail(), j.sent(), j.received()));
        } catch (IOException e) {
            linkLost = true;
            results.add(new CheckResult(id, rfc, title, Verdict.FAIL, "the link failed: " + e.getMessage(), null, null));
        }
    }

    @FunctionalInterface
    private interface CheckBody {
        Judged run() throws IOException;
    }

    /** A check's verdict with the facts and bytes behind it. */
    private record Judged(Verdict verdict, String detail, byte[] sent, byte[] received) {

        static Judged of(Exchange exchange, Function<IMessage, String> problem) {
            if (exchange.answer().isEmpty()) {
                return new Judged(Verdict.FAIL, "no answer", exchange.sent(), null);
            }
            String wrong = problem.apply(exchange.answer().get());
            return new Judged(wrong == null ? Verdict.PASS : Verdict.FAIL,
                    wrong == null ? describe(exchange.answer().get()) : wrong + " (got " + describe(exchange.answer().get()) + ")",
                    exchange.sent(), exchange.received());
        }
    }

    private Judged cea(ProbeLink link) throws IOException {
        IMessage cer = link.request(CommandCodes.CAPABILITIES_EXCHANGE, ApplicationIds.COMMON_MESSAGES, false);
        AvpWriter avps = new AvpWriter(dictionary, cer.getAvps())
                .add(AvpCodes.ORIGIN_HOST, target.ownHost())
                .add(AvpCodes.ORIGIN_REALM, target.ownRealm())
                .add(AvpCodes.HOST_IP_ADDRESS, link.localAddress())
                .add(AvpCodes.VENDOR_ID, 0)
                .add(AvpCodes.PRODUCT_NAME, "mip-aaa probe");
        advertise(avps);
        return Judged.of(link.exchange(cer, target.timeout()), cea -> {
            String missing = capabilities(cea);
            if (missing != null) {
                return missing;
            }
            if (resultCode(cea) != ResultCodes.SUCCESS) {
                return "Result-Code is not 2001";
            }
            return applicationsWrong(cea.getAvps());
        });
    }

    private Judged cer(ProbeLink link) throws IOException {
        Optional<ProbeLink.Received> received = link.nextRequest(target.timeout());
        if (received.isEmpty() || received.get().message().getCommandCode() != CommandCodes.CAPABILITIES_EXCHANGE) {
            return new Judged(Verdict.FAIL, received.isEmpty() ? "no CER" : "the first request is not a CER", null,
                    received.map(ProbeLink.Received::bytes).orElse(null));
        }
        IMessage cer = received.get().message();
        String missing = capabilities(cer);
        IMessage cea = link.answer(cer, missing == null ? ResultCodes.SUCCESS : ResultCodes.MISSING_AVP);
        AvpWriter avps = new AvpWriter(dictionary, cea.getAvps())
                .add(AvpCodes.HOST_IP_ADDRESS, link.localAddress())
                .add(AvpCodes.VENDOR_ID, 0)
                .add(AvpCodes.PRODUCT_NAME, "mip-aaa probe");
        advertise(avps);
        byte[] sent = link.send(cea);
        String wrong = missing != null ? missing : applicationsWrong(cer.getAvps());
        return new Judged(wrong == null ? Verdict.PASS : Verdict.FAIL, wrong == null ? describe(cer) : wrong, sent,
                received.get().bytes());
    }

    /** The applications this probe plays: 2 towards an AAAH or a home agent, Relay towards a relay. */
    private void advertise(AvpWriter avps) {
        avps.add(AvpCodes.AUTH_APPLICATION_ID, target.kind() == ProbeTarget.Kind.RELAY ? ApplicationIds.RELAY : ApplicationIds.MOBILE_IPV4);
    }

    /** What a CER or CEA lacks of RFC 6733 §5.3.1-§5.3.2 (null: nothing); the peer's identity kept. */
    private String capabilities(IMessage m) {
        for (int code : new int[] {AvpCodes.ORIGIN_HOST, AvpCodes.ORIGIN_REALM, AvpCodes.HOST_IP_ADDRESS, AvpCodes.VENDOR_ID,
                AvpCodes.PRODUCT_NAME}) {
            if (m.getAvps().getAvp(code) == null) {
                return "no " + dictionary.avp(code, 0).map(a -> a.name()).orElse(String.valueOf(code));
            }
        }
        String origin = text(m.getAvps(), AvpCodes.ORIGIN_HOST).orElse("");
        if (target.peerHost().filter(h -> !h.equalsIgnoreCase(origin)).isPresent()) {
            return "Origin-Host " + origin + ", not " + target.peerHost().get();
        }
        peerHost = origin;
        return null;
    }

    /** Why the peer's advertised applications cannot carry what it should serve (null: they can). */
    private String applicationsWrong(AvpSet avps) {
        if (target.kind() == ProbeTarget.Kind.RELAY) {
            return null;
        }
        for (Avp a : avps.getAvps(AvpCodes.AUTH_APPLICATION_ID)) {
            long id = unsigned(a);
            if (id == ApplicationIds.MOBILE_IPV4 || id == ApplicationIds.RELAY) {
                return null;
            }
        }
        return "does not advertise Auth-Application-Id 2 (Mobile IPv4, RFC 4004 §2)";
    }

    private Judged watchdog(ProbeLink link) throws IOException {
        IMessage dwr = link.request(CommandCodes.DEVICE_WATCHDOG, ApplicationIds.COMMON_MESSAGES, false);
        new AvpWriter(dictionary, dwr.getAvps()).add(AvpCodes.ORIGIN_HOST, target.ownHost()).add(AvpCodes.ORIGIN_REALM, target.ownRealm());
        return Judged.of(link.exchange(dwr, target.timeout()), dwa -> {
            if (resultCode(dwa) != ResultCodes.SUCCESS) {
                return "Result-Code is not 2001";
            }
            if (dwa.getEndToEndIdentifier() != dwr.getEndToEndIdentifier()) {
                return "End-to-End Identifier not the DWR's";
            }
            return dwa.getAvps().getAvp(AvpCodes.ORIGIN_HOST) == null ? "no Origin-Host" : null;
        });
    }

    /** A request of {@link #UNKNOWN_COMMAND}, in the application both sides advertised, routable to the peer. */
    private IMessage unknownCommand(ProbeLink link) {
        IMessage m = link.sessionRequest(UNKNOWN_COMMAND, ApplicationIds.MOBILE_IPV4, link.newSession());
        new AvpWriter(dictionary, m.getAvps()).add(AvpCodes.DESTINATION_REALM, target.peerRealm())
                .add(AvpCodes.DESTINATION_HOST, peerHost());
        return m;
    }

    /** A protocol error (3xxx): the code, and the E bit that RFC 6733 §3 requires of it. */
    private Judged protocolError(ProbeLink link, IMessage request, long expected) throws IOException {
        return Judged.of(link.exchange(request, target.timeout()), answer -> {
            if (resultCode(answer) != expected) {
                return "Result-Code is not " + expected;
            }
            return answer.isError() ? null : "the E bit is not set";
        });
    }

    private Judged unknownMandatoryAvp(ProbeLink link) throws IOException {
        IMessage request = sessionRequest(link, link.newSession(), ApplicationIds.COMMON_MESSAGES, true);
        // deliberately outside the dictionary: the M bit is what the peer must act on
        request.getAvps().addAvp(UNKNOWN_AVP, new byte[] {1, 2, 3, 4}, true, false);
        return Judged.of(link.exchange(request, target.timeout()), answer -> {
            if (resultCode(answer) != ResultCodes.AVP_UNSUPPORTED) {
                return "Result-Code is not 5001";
            }
            return failedAvpNames(answer, UNKNOWN_AVP) ? null : "Failed-AVP does not hold AVP " + UNKNOWN_AVP;
        });
    }

    private Judged missingAvp(ProbeLink link) throws IOException {
        IMessage request = sessionRequest(link, link.newSession(), ApplicationIds.COMMON_MESSAGES, false);
        return Judged.of(link.exchange(request, target.timeout()), answer -> {
            if (resultCode(answer) != ResultCodes.MISSING_AVP) {
                return "Result-Code is not 5005";
            }
            return failedAvpNames(answer, AvpCodes.AUTH_APPLICATION_ID) ? null : "Failed-AVP does not name Auth-Application-Id";
        });
    }

    private Judged unknownSession(ProbeLink link) throws IOException {
        IMessage request = sessionRequest(link, link.newSession(), ApplicationIds.COMMON_MESSAGES, true);
        return Judged.of(link.exchange(request, target.timeout()),
                answer -> resultCode(answer) == ResultCodes.UNKNOWN_SESSION_ID ? null : "Result-Code is not 5002");
    }

    private Judged retransmission(ProbeLink link) throws IOException {
        IMessage first = sessionRequest(link, link.newSession(), ApplicationIds.COMMON_MESSAGES, true);
        Exchange original = link.exchange(first, target.timeout());
        if (original.answer().isEmpty()) {
            return new Judged(Verdict.FAIL, "no answer to the original", original.sent(), null);
        }
        IMessage again = link.request(first.getCommandCode(), first.getApplicationId(), true);
        again.setEndToEndIdentifier(first.getEndToEndIdentifier());
        again.setReTransmitted(true);
        for (Avp a : first.getAvps()) {
            again.getAvps().addAvp(a);
        }
        long expected = resultCode(original.answer().get());
        return Judged.of(link.exchange(again, target.timeout()), answer -> {
            if (resultCode(answer) != expected) {
                return "Result-Code " + resultCode(answer) + ", the original's was " + expected;
            }
            return answer.getEndToEndIdentifier() == first.getEndToEndIdentifier() ? null : "End-to-End Identifier changed";
        });
    }

    /**
     * A session request the peer serves for sessions of Mobile IPv4 (RFC 4004 §4): an AAAH the STR of a
     * foreign agent's session, a home agent the ASR of its AAAH; Auth-Application-Id 2 unless
     * {@code withApplication} is false (the missing-AVP check).
     */
    private IMessage sessionRequest(ProbeLink link, String session, long headerApplication, boolean withApplication) {
        boolean homeAgent = target.kind() == ProbeTarget.Kind.HA;
        IMessage m = link.sessionRequest(homeAgent ? CommandCodes.ABORT_SESSION : CommandCodes.SESSION_TERMINATION, headerApplication,
                session);
        AvpWriter avps = new AvpWriter(dictionary, m.getAvps()).add(AvpCodes.DESTINATION_REALM, target.peerRealm());
        if (homeAgent) {
            avps.add(AvpCodes.DESTINATION_HOST, peerHost());
        }
        if (withApplication) {
            avps.add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4);
        }
        if (!homeAgent) {
            avps.add(AvpCodes.TERMINATION_CAUSE, Enumerations.TERMINATION_CAUSE_DIAMETER_LOGOUT);
        }
        return m;
    }

    private String sessionCommand() {
        return target.kind() == ProbeTarget.Kind.HA ? "an ASR" : "an STR";
    }

    private String peerHost() {
        return peerHost != null ? peerHost : target.peerHost().orElse(target.address().getHostString());
    }

    /** RFC 4004 §5.1-§5.2, then §4.1.3: a subscriber registers through us, and its session ends. */
    private void registration(ProbeLink link) {
        if (target.mobileNode().isEmpty()) {
            results.add(new CheckResult("registration", "RFC 4004 §5.1-§5.2", "registers a subscriber", Verdict.SKIPPED,
                    "no subscriber given (--user)", null, null));
            return;
        }
        check("registration-unauthenticated", "RFC 4004 §3",
                "answers an AMR whose MN-AAA authenticator is wrong with 4001 and gives no address or key", () -> {
                    ProbeTarget.MobileNodeCredentials mn = target.mobileNode().get();
                    byte[] wrongKey = new byte[16];
                    new java.security.SecureRandom().nextBytes(wrongKey);
                    MnAaaSecurityAssociation forged = MnAaaSecurityAssociation.of(mn.mnAaa().spi(), wrongKey);
                    return Judged.of(link.exchange(amr(link, link.newSession(), forged), target.timeout()), ama -> {
                        if (resultCode(ama) != ResultCodes.AUTHENTICATION_REJECTED) {
                            return "Result-Code is not 4001";
                        }
                        for (int code : new int[] {AvpCodes.MIP_MOBILE_NODE_ADDRESS, AvpCodes.MIP_FA_TO_MN_MSA, AvpCodes.MIP_REG_REPLY}) {
                            if (ama.getAvps().getAvp(code) != null) {
                                return "carries " + dictionary.avp(code, 0).map(a -> a.name()).orElse(String.valueOf(code));
                            }
                        }
                        return null;
                    });
                });
        String session = link.newSession();
        check("registration", "RFC 4004 §5.1-§5.2",
                "answers a subscriber's AMR with an AMA 2001 carrying its Registration Reply, home agent and home address",
                () -> registered(link, session));
        if (results.get(results.size() - 1).verdict() != Verdict.PASS) {
            results.add(new CheckResult("accounting", "RFC 6733 §9.7, RFC 4004 §10", "acknowledges the visit's accounting record",
                    Verdict.SKIPPED, "no registration", null, null));
            results.add(new CheckResult("registration-renewal", "RFC 4004 §4.1.1-§4.1.2", "renews the registration in its session",
                    Verdict.SKIPPED, "no registration", null, null));
            results.add(new CheckResult("session-termination", "RFC 4004 §4.1.3", "ends the registration's session on our STR",
                    Verdict.SKIPPED, "no registration", null, null));
            return;
        }
        check("accounting", "RFC 6733 §9.7, RFC 4004 §10",
                "acknowledges the START record of the visit (ACR in the registration's session) with an ACA 2001 that echoes its "
                        + "type and number", () -> accounting(link, session));
        check("registration-renewal", "RFC 4004 §4.1.1-§4.1.2",
                "renews the registration in its session: an AMA 2001 with the same home address and Acct-Multi-Session-Id",
                () -> renewal(link, session));
        check("session-termination", "RFC 4004 §4.1.3, RFC 6733 §8.4", "ends the registration's session on our STR with 2001", () -> {
            IMessage str = sessionRequest(link, session, ApplicationIds.COMMON_MESSAGES, true);
            new AvpWriter(dictionary, str.getAvps()).add(AvpCodes.USER_NAME, target.mobileNode().get().nai());
            return Judged.of(link.exchange(str, target.timeout()),
                    sta -> resultCode(sta) == ResultCodes.SUCCESS ? null : "Result-Code is not 2001");
        });
    }

    private Judged registered(ProbeLink link, String session) throws IOException {
        return Judged.of(link.exchange(amr(link, session, target.mobileNode().orElseThrow().mnAaa()), target.timeout()), ama -> {
            registeredAma = ama;
            if (resultCode(ama) != ResultCodes.SUCCESS) {
                return "Result-Code is not 2001";
            }
            for (int code : new int[] {AvpCodes.MIP_REG_REPLY, AvpCodes.MIP_HOME_AGENT_ADDRESS, AvpCodes.MIP_MOBILE_NODE_ADDRESS}) {
                if (ama.getAvps().getAvp(code) == null) {
                    return "no " + dictionary.avp(code, 0).map(a -> a.name()).orElse(String.valueOf(code)) + " (§5.2: MUST)";
                }
            }
            try {
                RegistrationPacket reply = RegistrationCodec.decodeReply(ama.getAvps().getAvp(AvpCodes.MIP_REG_REPLY).getOctetString());
                int code = reply.reply().code();
                Inet4Address home = (Inet4Address) ama.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS).getAddress();
                if (code > 1) {
                    return "the Registration Reply refuses, code " + code;
                }
                return reply.reply().homeAddress().equals(home) ? null
                        : "the Registration Reply's home address " + Ipv4.format(reply.reply().homeAddress())
                        + " is not MIP-Mobile-Node-Address " + Ipv4.format(home);
            } catch (MalformedRegistrationException | AvpDataException | ClassCastException e) {
                return "MIP-Reg-Reply or MIP-Mobile-Node-Address does not decode: " + e.getMessage();
            }
        });
    }

    /**
     * The node renews its registration (RFC 4004 §4.1.1: the AAAF's AMR continues the session; §4.1.2:
     * every answer in the mobile's session carries the same Acct-Multi-Session-Id), naming the home
     * address and home agent the first AMA gave it.
     */
    private Judged renewal(ProbeLink link, String session) throws IOException {
        Optional<String> multiSession = text(registeredAma.getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID);
        Inet4Address home;
        Inet4Address homeAgent;
        try {
            home = (Inet4Address) registeredAma.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS).getAddress();
            homeAgent = (Inet4Address) registeredAma.getAvps().getAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS).getAddress();
        } catch (AvpDataException | ClassCastException e) {
            return new Judged(Verdict.FAIL, "the first AMA's addresses do not decode", null, null);
        }
        return Judged.of(link.exchange(amr(link, session, target.mobileNode().orElseThrow().mnAaa(), home, homeAgent), target.timeout()),
                ama -> {
                    if (resultCode(ama) != ResultCodes.SUCCESS) {
                        return "Result-Code is not 2001";
                    }
                    Optional<String> renewed = text(ama.getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID);
                    if (!renewed.equals(multiSession)) {
                        return "Acct-Multi-Session-Id " + renewed.orElse("absent") + ", the registration's was " + multiSession.orElse("absent");
                    }
                    try {
                        Avp address = ama.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS);
                        return address != null && address.getAddress().equals(home) ? null
                                : "MIP-Mobile-Node-Address is not the node's home address " + Ipv4.format(home);
                    } catch (AvpDataException e) {
                        return "MIP-Mobile-Node-Address does not decode";
                    }
                });
    }

    /**
     * The START record (RFC 6733 §9.7.1, RFC 4004 §10 and §11.2) of the visit the registration began, as
     * an AAAF sends it: the registration's session, the Acct-Multi-Session-Id of the AMA (RFC 4004
     * §4.1.2: the agents MUST put it in their accounting records) and no usage yet.
     */
    private Judged accounting(ProbeLink link, String session) throws IOException {
        Optional<String> multiSession = text(registeredAma.getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID);
        if (multiSession.isEmpty()) {
            return new Judged(Verdict.FAIL, "the AMA carried no Acct-Multi-Session-Id to account under (RFC 4004 §4.1.2)", null, null);
        }
        ProbeTarget.MobileNodeCredentials mn = target.mobileNode().orElseThrow();
        IMessage acr = link.sessionRequest(CommandCodes.ACCOUNTING, ApplicationIds.MOBILE_IPV4, session);
        Inet4Address home;
        try {
            home = (Inet4Address) registeredAma.getAvps().getAvp(AvpCodes.MIP_MOBILE_NODE_ADDRESS).getAddress();
        } catch (AvpDataException e) {
            return new Judged(Verdict.FAIL, "the AMA's MIP-Mobile-Node-Address does not decode", null, null);
        }
        new AvpWriter(dictionary, acr.getAvps())
                .add(AvpCodes.DESTINATION_REALM, target.peerRealm())
                .add(AvpCodes.ACCT_APPLICATION_ID, ApplicationIds.MOBILE_IPV4)
                .add(AvpCodes.ACCOUNTING_RECORD_TYPE, Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD)
                .add(AvpCodes.ACCOUNTING_RECORD_NUMBER, 0)
                .add(AvpCodes.USER_NAME, mn.nai())
                .add(AvpCodes.ACCT_MULTI_SESSION_ID, multiSession.get())
                .add(AvpCodes.ACCOUNTING_INPUT_OCTETS, 0)
                .add(AvpCodes.ACCOUNTING_OUTPUT_OCTETS, 0)
                .add(AvpCodes.ACCOUNTING_INPUT_PACKETS, 0)
                .add(AvpCodes.ACCOUNTING_OUTPUT_PACKETS, 0)
                .add(AvpCodes.ACCT_SESSION_TIME, 0)
                .add(AvpCodes.MIP_FEATURE_VECTOR, Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED)
                .add(AvpCodes.MIP_HOME_AGENT_ADDRESS, mn.homeAgent())
                .add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, home)
                .add(AvpCodes.EVENT_TIMESTAMP, Instant.now());
        return Judged.of(link.exchange(acr, target.timeout()), aca -> {
            if (resultCode(aca) != ResultCodes.SUCCESS) {
                return "Result-Code is not 2001";
            }
            Avp type = aca.getAvps().getAvp(AvpCodes.ACCOUNTING_RECORD_TYPE);
            Avp number = aca.getAvps().getAvp(AvpCodes.ACCOUNTING_RECORD_NUMBER);
            try {
                return type == null || number == null ? "no Accounting-Record-Type or -Number (§9.7.2: MUST)"
                        : type.getInteger32() != Enumerations.ACCOUNTING_RECORD_TYPE_START_RECORD || number.getUnsigned32() != 0
                        ? "Accounting-Record-Type / -Number are not the ACR's" : null;
            } catch (AvpDataException e) {
                return "Accounting-Record-Type or -Number does not decode";
            }
        });
    }

    /** The subscriber's first AMR as an AAAF sends it (RFC 4004 §5.1), its Registration Request signed with {@code signWith}. */
    private IMessage amr(ProbeLink link, String session, MnAaaSecurityAssociation signWith) {
        return amr(link, session, signWith, Ipv4.UNSPECIFIED, target.mobileNode().orElseThrow().homeAgent());
    }

    /**
     * The subscriber's AMR for {@code homeAddress} at {@code homeAgent}: the unspecified address asks for
     * one (§5.1, Mobile-Node-Home-Address-Requested), a registered node's renews its binding.
     */
    private IMessage amr(ProbeLink link, String session, MnAaaSecurityAssociation signWith, Inet4Address homeAddress,
                         Inet4Address homeAgent) {
        ProbeTarget.MobileNodeCredentials mn = target.mobileNode().orElseThrow();
        byte[] challenge = new byte[16];
        new java.security.SecureRandom().nextBytes(challenge);
        RegistrationPacket registration = RegistrationBuilder.request(RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 60,
                        homeAddress, homeAgent, Ipv4.parse("192.0.2.1"), Identification.ntpTimestamp(Instant.now(), 1)))
                .add(new MobileNodeNai(mn.nai()))
                .add(new MnFaChallenge(challenge))
                .add(new MnHaKeyGenerationNonceRequest(1000))
                .authenticate(AuthenticationKind.MN_AAA, signWith.forChallenge(challenge))
                .build();
        int offset = registration.fields(GeneralizedMnAaaAuthentication.class).get(0).end() - 16;
        IMessage amr = link.sessionRequest(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4, session);
        AvpWriter avps = new AvpWriter(dictionary, amr.getAvps())
                .add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4)
                .add(AvpCodes.USER_NAME, mn.nai())
                .add(AvpCodes.DESTINATION_REALM, target.peerRealm())
                .add(AvpCodes.MIP_REG_REQUEST, registration.bytes());
        avps.group(AvpCodes.MIP_MN_AAA_AUTH)
                .add(AvpCodes.MIP_MN_AAA_SPI, signWith.spi())
                .add(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, offset)
                .add(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16)
                .add(AvpCodes.MIP_AUTHENTICATOR_OFFSET, offset);
        long features = Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST;
        if (homeAddress.isAnyLocalAddress()) {
            features |= Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED;
        } else {
            avps.add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, homeAddress);
        }
        if (!homeAgent.isAnyLocalAddress()) {
            avps.add(AvpCodes.MIP_HOME_AGENT_ADDRESS, homeAgent);
        } else {
            features |= Enumerations.MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED;
        }
        avps.add(AvpCodes.MIP_FA_CHALLENGE, challenge).add(AvpCodes.MIP_FEATURE_VECTOR, features);
        return amr;
    }

    /**
     * RFC 4004 §5.3-§5.4 and §4.1: the probe, as the AAAH, registers a node at the home agent (which
     * allocates its home address), renews it in the same session, and aborts the session.
     */
    private void homeAgentRegistration(ProbeLink link) {
        String session = link.newSession();
        IMessage[] registered = new IMessage[1];
        check("home-agent-registration", "RFC 4004 §5.3-§5.4, §4.1.2",
                "answers an HAR with an HAA 2001 carrying the Registration Reply, the home address it allocated and an "
                        + "Acct-Multi-Session-Id", () -> Judged.of(link.exchange(har(link, session, Ipv4.UNSPECIFIED), target.timeout()), haa -> {
                    String wrong = registeredAt(haa, Optional.empty());
                    if (wrong == null) {
                        registered[0] = haa;
                    }
                    return wrong;
                }));
        if (registered[0] == null) {
            for (String id : new String[] {"home-agent-renewal", "home-agent-abort"}) {
                results.add(new CheckResult(id, "RFC 4004 §4.1", "a registered node's session", Verdict.SKIPPED, "no registration", null,
                        null));
            }
            return;
        }
        Inet4Address home = address(registered[0], AvpCodes.MIP_MOBILE_NODE_ADDRESS).orElseThrow();
        Optional<String> multiSession = text(registered[0].getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID);
        check("home-agent-renewal", "RFC 4004 §4.1.1-§4.1.2",
                "renews the binding on an HAR in the same session: HAA 2001, the same home address and the same Acct-Multi-Session-Id",
                () -> Judged.of(link.exchange(har(link, session, home), target.timeout()), haa -> {
                    String wrong = registeredAt(haa, Optional.of(home));
                    if (wrong != null) {
                        return wrong;
                    }
                    Optional<String> renewed = text(haa.getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID);
                    return renewed.equals(multiSession) ? null : "Acct-Multi-Session-Id " + renewed.orElse("absent")
                            + ", the first HAA's was " + multiSession.orElse("absent") + " (§4.1.2: MUST be the same)";
                }));
        check("home-agent-abort", "RFC 6733 §8.5, §8.4",
                "answers our ASR of the session with an ASA; having stopped the session (2001), ends it with an STR", () -> {
                    IMessage asr = sessionRequest(link, session, ApplicationIds.MOBILE_IPV4, true);
                    Exchange exchange = link.exchange(asr, target.timeout());
                    if (exchange.answer().isEmpty()) {
                        return new Judged(Verdict.FAIL, "no ASA", exchange.sent(), null);
                    }
                    long result = resultCode(exchange.answer().get());
                    if (result < 0) {
                        return new Judged(Verdict.FAIL, "the ASA has no Result-Code (§8.5: MUST)", exchange.sent(), exchange.received());
                    }
                    if (result != ResultCodes.SUCCESS) {
                        return new Judged(Verdict.PASS, "did not stop the session (§8.5 allows it): " + describe(exchange.answer().get()),
                                exchange.sent(), exchange.received());
                    }
                    Optional<ProbeLink.Received> str = link.nextRequest(target.timeout());
                    if (str.isEmpty() || str.get().message().getCommandCode() != CommandCodes.SESSION_TERMINATION
                            || !session.equals(str.get().message().getSessionId())) {
                        return new Judged(Verdict.FAIL, "stopped the session (ASA 2001) but sent no STR for it (§8.4)", exchange.sent(),
                                str.map(ProbeLink.Received::bytes).orElse(exchange.received()));
                    }
                    link.send(link.answer(str.get().message(), ResultCodes.SUCCESS));
                    return new Judged(Verdict.PASS, "ASA 2001, then " + describe(str.get().message()), exchange.sent(), str.get().bytes());
                });
    }

    /** What is wrong with an HAA that should register the node (null: nothing); {@code home} the address it must keep. */
    private String registeredAt(IMessage haa, Optional<Inet4Address> home) {
        if (resultCode(haa) != ResultCodes.SUCCESS) {
            return "Result-Code is not 2001";
        }
        if (haa.getAvps().getAvp(AvpCodes.MIP_REG_REPLY) == null) {
            return "no MIP-Reg-Reply (§5.4: MUST)";
        }
        if (text(haa.getAvps(), AvpCodes.ACCT_MULTI_SESSION_ID).isEmpty()) {
            return "no Acct-Multi-Session-Id (§4.1.2: the home agent MUST send one)";
        }
        Optional<Inet4Address> allocated = address(haa, AvpCodes.MIP_MOBILE_NODE_ADDRESS);
        if (allocated.isEmpty() || allocated.get().isAnyLocalAddress()) {
            return "no home address in MIP-Mobile-Node-Address (§5.3: the home agent MUST allocate one when the HAR has none)";
        }
        if (home.filter(h -> !h.equals(allocated.get())).isPresent()) {
            return "MIP-Mobile-Node-Address " + Ipv4.format(allocated.get()) + ", not the node's " + Ipv4.format(home.get());
        }
        try {
            RegistrationPacket reply = RegistrationCodec.decodeReply(haa.getAvps().getAvp(AvpCodes.MIP_REG_REPLY).getOctetString());
            if (reply.reply().code() > 1) {
                return "the Registration Reply refuses, code " + reply.reply().code();
            }
            return reply.reply().homeAddress().equals(allocated.get()) ? null
                    : "the Registration Reply's home address is not MIP-Mobile-Node-Address";
        } catch (MalformedRegistrationException | AvpDataException e) {
            return "MIP-Reg-Reply does not decode: " + e.getMessage();
        }
    }

    private static Optional<Inet4Address> address(IMessage m, int code) {
        try {
            Avp avp = m.getAvps().getAvp(code);
            return avp == null ? Optional.empty() : Optional.of((Inet4Address) avp.getAddress());
        } catch (AvpDataException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * An HAR as an AAAH sends it (RFC 4004 §5.3): the node's Registration Request (its MN-AAA
     * authentication already checked by the AAAH, so signed here with a key of the probe's), the MN-HA
     * key for the home agent and the nonce the node derives it from (§9.5-§9.6); {@code homeAddress}
     * unspecified asks the home agent to allocate one.
     */
    private IMessage har(ProbeLink link, String session, Inet4Address homeAddress) {
        String nai = target.mobileNode().map(ProbeTarget.MobileNodeCredentials::nai).orElse("probe@" + target.peerRealm());
        Inet4Address homeAgent = target.mobileNode().map(ProbeTarget.MobileNodeCredentials::homeAgent).orElse(Ipv4.UNSPECIFIED);
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] challenge = new byte[16];
        byte[] aaaKey = new byte[16];
        byte[] nonce = new byte[16];
        byte[] mnHaKey = new byte[20];
        random.nextBytes(challenge);
        random.nextBytes(aaaKey);
        random.nextBytes(nonce);
        random.nextBytes(mnHaKey);
        RegistrationPacket registration = RegistrationBuilder.request(RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 60,
                        homeAddress, homeAgent, Ipv4.parse("192.0.2.1"), Identification.ntpTimestamp(Instant.now(), 1)))
                .add(new MobileNodeNai(nai))
                .add(new MnFaChallenge(challenge))
                .add(new MnHaKeyGenerationNonceRequest(1000))
                .authenticate(AuthenticationKind.MN_AAA, MnAaaSecurityAssociation.of(256, aaaKey).forChallenge(challenge))
                .build();
        IMessage har = link.sessionRequest(CommandCodes.HOME_AGENT_MIP, ApplicationIds.MOBILE_IPV4, session);
        long features = Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST
                | (homeAddress.isAnyLocalAddress() ? Enumerations.MIP_FEATURE_VECTOR_MOBILE_NODE_HOME_ADDRESS_REQUESTED : 0);
        AvpWriter avps = new AvpWriter(dictionary, har.getAvps())
                .add(AvpCodes.DESTINATION_REALM, target.peerRealm())
                .add(AvpCodes.DESTINATION_HOST, peerHost())
                .add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4)
                .add(AvpCodes.AUTHORIZATION_LIFETIME, 60)
                .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED)
                .add(AvpCodes.MIP_REG_REQUEST, registration.bytes())
                .add(AvpCodes.USER_NAME, nai)
                .add(AvpCodes.MIP_FEATURE_VECTOR, features)
                .add(AvpCodes.MIP_MSA_LIFETIME, 60);
        avps.group(AvpCodes.MIP_MN_TO_HA_MSA)
                .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                .add(AvpCodes.MIP_REPLAY_MODE, Enumerations.MIP_REPLAY_MODE_TIMESTAMPS)
                .add(AvpCodes.MIP_NONCE, nonce);
        avps.group(AvpCodes.MIP_HA_TO_MN_MSA)
                .add(AvpCodes.MIP_ALGORITHM_TYPE, Enumerations.MIP_ALGORITHM_TYPE_HMAC_SHA_1)
                .add(AvpCodes.MIP_REPLAY_MODE, Enumerations.MIP_REPLAY_MODE_TIMESTAMPS)
                .add(AvpCodes.MIP_SESSION_KEY, mnHaKey);
        if (!homeAddress.isAnyLocalAddress()) {
            avps.add(AvpCodes.MIP_MOBILE_NODE_ADDRESS, homeAddress);
        }
        if (!homeAgent.isAnyLocalAddress()) {
            avps.add(AvpCodes.MIP_HOME_AGENT_ADDRESS, homeAgent);
        }
        return har;
    }

    /**
     * An HAR (RFC 4004 §5.3) carrying MIP-Filter-Rule: a home agent that cannot apply the rules must
     * say so (4008), not serve the node unfiltered. Its MIP-Reg-Request is no Registration Request, so
     * even a home agent that got past the rule binds nothing.
     */
    private Judged filterRule(ProbeLink link) throws IOException {
        IMessage har = link.sessionRequest(CommandCodes.HOME_AGENT_MIP, ApplicationIds.MOBILE_IPV4, link.newSession());
        new AvpWriter(dictionary, har.getAvps())
                .add(AvpCodes.DESTINATION_REALM, target.peerRealm())
                .add(AvpCodes.DESTINATION_HOST, peerHost())
                .add(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4)
                .add(AvpCodes.AUTHORIZATION_LIFETIME, 60)
                .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_STATE_MAINTAINED)
                .add(AvpCodes.MIP_REG_REQUEST, new byte[] {1, 0, 0, 0})
                .add(AvpCodes.USER_NAME, "probe@" + target.peerRealm())
                .add(AvpCodes.MIP_FEATURE_VECTOR, Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST)
                .add(AvpCodes.MIP_FILTER_RULE, "permit in ip from 192.0.2.1 to any");
        return Judged.of(link.exchange(har, target.timeout()), haa -> {
            if (resultCode(haa) != ResultCodes.ERROR_MIP_FILTER_NOT_SUPPORTED) {
                return "Result-Code is not 4008";
            }
            return haa.getAvps().getAvp(AvpCodes.MIP_REG_REPLY) == null ? null : "a Registration Reply came with it";
        });
    }

    private Judged disconnect(ProbeLink link) throws IOException {
        IMessage dpr = link.request(CommandCodes.DISCONNECT_PEER, ApplicationIds.COMMON_MESSAGES, false);
        new AvpWriter(dictionary, dpr.getAvps())
                .add(AvpCodes.ORIGIN_HOST, target.ownHost())
                .add(AvpCodes.ORIGIN_REALM, target.ownRealm())
                .add(AvpCodes.DISCONNECT_CAUSE, Enumerations.DISCONNECT_CAUSE_DO_NOT_WANT_TO_TALK_TO_YOU);
        return Judged.of(link.exchange(dpr, target.timeout()), dpa -> resultCode(dpa) == ResultCodes.SUCCESS ? null : "Result-Code is not 2001");
    }

    /** The answer's Result-Code, else its Experimental-Result-Code, else -1. */
    static long resultCode(IMessage answer) {
        Avp result = answer.getAvps().getAvp(AvpCodes.RESULT_CODE);
        if (result != null) {
            return unsigned(result);
        }
        Avp experimental = answer.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT);
        try {
            Avp code = experimental == null ? null : experimental.getGrouped().getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE);
            return code == null ? -1 : unsigned(code);
        } catch (AvpDataException e) {
            return -1;
        }
    }

    private static boolean failedAvpNames(IMessage answer, int code) {
        for (Avp failed : answer.getAvps().getAvps(AvpCodes.FAILED_AVP)) {
            try {
                if (failed.getGrouped().getAvp(code) != null) {
                    return true;
                }
            } catch (AvpDataException e) {
                return false;
            }
        }
        return false;
    }

    private static long unsigned(Avp avp) {
        try {
            return avp.getUnsigned32();
        } catch (AvpDataException e) {
            return -1;
        }
    }

    private static Optional<String> text(AvpSet avps, int code) {
        try {
            Avp avp = avps.getAvp(code);
            return avp == null ? Optional.empty() : Optional.of(avp.getUTF8String());
        } catch (AvpDataException e) {
            return Optional.empty();
        }
    }

    /** One line on an answer: its command, Result-Code, E bit and Origin-Host. */
    static String describe(IMessage m) {
        long result = m.isRequest() ? -1 : resultCode(m);
        return (m.isRequest() ? "request " : "answer ") + m.getCommandCode() + "/" + m.getApplicationId()
                + (result >= 0 ? ", Result-Code " + result : "") + (m.isError() ? ", E bit" : "")
                + text(m.getAvps(), AvpCodes.ORIGIN_HOST).map(h -> ", from " + h).orElse("")
                + text(m.getAvps(), AvpCodes.ERROR_MESSAGE).map(e -> ", \"" + e + "\"").orElse("");
    }
}
