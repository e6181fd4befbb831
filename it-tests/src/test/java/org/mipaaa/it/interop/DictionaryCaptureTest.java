package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.it.TopologyFixture;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;

/**
 * tshark decodes what our nodes put on the wire with our Wireshark dictionary
 * ({@code wireshark-mip-aaa.xml} of the dictionaries module): every command of the vendor application
 * as request and answer, with its name, its AVPs known and typed as we encode them, and no malformed
 * packet or expert error.
 *
 * <p>A plain JUnit 5 test, not an Arquillian one: dumpcap must be capturing before the nodes start, so
 * that CER/CEA are in the capture, and the Arquillian deployment of the other tests starts its topology
 * before a test method could start dumpcap. The topology is the same {@link TopologyFixture} on the
 * repository's {@code config/}, with the ports chosen here so that dumpcap's filter knows them.
 *
 * <p>The requests go from the AAAH to the AAAY (the eight vendor commands), from the AAAF to the AAAH
 * (AMR) and from the AAAH to the HA (HAR), each with every AVP its ABNF requires, checked against the
 * bundled dictionary before it is sent. Without handlers the nodes answer 3001; any answer is fine
 * except one saying the request broke the receiver's dictionary (5001, 5004, 5005, 5008, 5009, 5014,
 * 5016). tshark reads the capture with our dictionary (see {@link Tshark} for how, without touching
 * /usr/share/wireshark), and once more without it as a control. The only expert warnings allowed are
 * TCP resets of connections that never completed their handshake: the AAAH dials the HA and the AAAY
 * before they listen, gets RST, and retries.
 *
 * <p>Capturing needs root (or dumpcap's capabilities); the test fails, never skips, when dumpcap cannot
 * capture. The capture and every tshark output stay under {@code target/interop/tshark/}.
 */
class DictionaryCaptureTest {

    static final Path OUTPUT = Path.of("target", "interop", "tshark");
    static final String DUMPCAP = "/usr/bin/dumpcap";
    static final Set<Role> ROLES = EnumSet.of(Role.AAAH, Role.HA, Role.AAAY, Role.AAAF);
    static final String NAI = "mn1@home.example";

    /** Result-Codes with which a node says our request broke its own dictionary: none may come back. */
    static final Set<Long> MALFORMED_REQUEST = Set.of((long) ResultCodes.AVP_UNSUPPORTED, (long) ResultCodes.INVALID_AVP_VALUE,
            (long) ResultCodes.MISSING_AVP, (long) ResultCodes.AVP_NOT_ALLOWED, (long) ResultCodes.AVP_OCCURS_TOO_MANY_TIMES,
            (long) ResultCodes.INVALID_AVP_LENGTH, (long) ResultCodes.INVALID_AVP_BIT_COMBO);

    // values whose decoding by tshark proves the AVP types agree
    static final String PAYEE = "payee-shop-42";
    static final String ORDER = "order-2026-0001";
    static final String GOODS = "Mobile IP roaming pack";
    static final String SETTLEMENT = "settlement-7";
    static final String BILLING_PERIOD = "2026-11";
    static final String SPONSOR = "sponsor-ads-1";
    static final String ADVERTISEMENT = "ad-99";
    static final String CREDIT_COMPANY = "credit-co.example";
    static final byte[] CREDENTIAL = {(byte) 0xca, (byte) 0xfe, 0x00, 0x01};
    static final String TERMINAL = "terminal.shop.example";
    static final long AAAM_SPI = 4096;
    static final long REPLAY_COUNTER = 1_234_567_890_123L;
    static final long VALUE_DIGITS = 1250;
    static final int EXPONENT = -2;
    static final long EURO = 978;
    static final Instant PURCHASE_TIME = Instant.parse("2026-11-20T10:15:30Z");

    private ExternalProcess dumpcap;
    private TopologyFixture fixture;
    private Tshark tshark;

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (dumpcap != null) {
                dumpcap.close();
            }
        } finally {
            try {
                if (fixture != null) {
                    fixture.close();
                }
            } finally {
                if (tshark != null) {
                    tshark.close();
                }
            }
        }
    }

    @Test
    void tsharkDecodesEveryCommandOfTheVendorApplicationWithOurDictionary() throws Exception {
        for (String tool : List.of(DUMPCAP, Tshark.TSHARK)) {
            if (!Files.isExecutable(Path.of(tool))) {
                fail(tool + " is missing: install the Debian package tshark (.mvn/install-test-tools.sh)");
            }
        }
        Files.createDirectories(OUTPUT);
        Map<Role, Integer> ports = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            ports.put(role, LoopbackSetup.freePort());
        }
        List<Integer> capturedPorts = ROLES.stream().map(ports::get).sorted().toList();

        // 1. capture first, so the CER/CEA of every link are in it
        Path pcap = OUTPUT.resolve("mip-aaa.pcapng").toAbsolutePath();
        Files.deleteIfExists(pcap);
        String filter = capturedPorts.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
        dumpcap = ExternalProcess.start(List.of(DUMPCAP, "-i", "lo", "-f", filter, "-w", pcap.toString()), Map.of(),
                OUTPUT.resolve("dumpcap.log"));
        if (!dumpcap.awaitOutput("Capturing on", Duration.ofSeconds(15))) {
            fail("dumpcap cannot capture on lo (this test needs root, or dumpcap with CAP_NET_RAW and "
                    + "CAP_NET_ADMIN); its output:\n" + dumpcap.output());
        }

        // 2. the topology, then one request of every command, each answered
        Map<String, String> overrides = new HashMap<>();
        ports.forEach((role, port) -> overrides.put(role.name().toLowerCase(Locale.ROOT) + ".port", port.toString()));
        // plain TCP links: tshark decodes what it can read (the links are TLS by default)
        overrides.put("link.security", "none");
        fixture = new TopologyFixture().start(ROLES, RoleApplications.NONE, overrides);
        DiameterNode aaah = fixture.topology().node(Role.AAAH);
        DiameterNode aaay = fixture.topology().node(Role.AAAY);
        DiameterNode aaaf = fixture.topology().node(Role.AAAF);
        DiameterNode ha = fixture.topology().node(Role.HA);
        VendorSettings vendor = aaah.settings().vendor();
        long v = vendor.vendorId();
        ApplicationId services = ApplicationId.createByAuthAppId(v, vendor.accountingServicesApplicationId());
        ApplicationId mobileIp = ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4);

        Map<String, Long> answered = new LinkedHashMap<>();
        answered.put("PIR", send(aaah, aaay, CommandCodes.PURCHASE_INFORMATION, services, r -> {
            AvpSet a = serviceRequest(r);
            a.addAvp(VendorAvpCodes.PAYEE_ID, PAYEE, v, true, false, false);
            a.addAvp(VendorAvpCodes.ORDER_REFERENCE, ORDER, v, true, false, false);
            a.addAvp(VendorAvpCodes.TERMINAL_HOST, TERMINAL, v, true, false, true);
            AvpSet auth = a.addGroupedAvp(VendorAvpCodes.AAAM_AUTHENTICATOR, v, true, false);
            auth.addAvp(VendorAvpCodes.AAAM_SPI, AAAM_SPI, v, true, false, true);
            auth.addAvp(VendorAvpCodes.AAAM_REPLAY_COUNTER, REPLAY_COUNTER, v, true, false);
            auth.addAvp(VendorAvpCodes.AAAM_AUTHENTICATOR_VALUE, new byte[20], v, true, false);
        }));
        answered.put("SER", send(aaah, aaay, CommandCodes.SETTLEMENT, services, r -> {
            AvpSet a = serviceRequest(r);
            purchaseInfo(a, v);
            a.addAvp(VendorAvpCodes.SETTLEMENT_MODE, Enumerations.SETTLEMENT_MODE_HOME_ONLY, v, true, false);
        }));
        answered.put("UCR", send(aaah, aaay, CommandCodes.USER_CONFIRMATION, services, r -> {
            AvpSet a = serviceRequest(r);
            a.addAvp(VendorAvpCodes.SETTLEMENT_ID, SETTLEMENT, v, true, false, false);
            purchaseInfo(a, v);
            a.addAvp(VendorAvpCodes.SETTLEMENT_MODE, Enumerations.SETTLEMENT_MODE_HOME_ONLY, v, true, false);
        }));
        answered.put("PNR", send(aaah, aaay, CommandCodes.PAYMENT_NOTIFICATION, services, r -> {
            AvpSet a = serviceRequest(r);
            a.addAvp(VendorAvpCodes.SETTLEMENT_ID, SETTLEMENT, v, true, false, false);
            purchaseInfo(a, v);
            a.addAvp(VendorAvpCodes.SETTLEMENT_MODE, Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT, v, true, false);
            a.addAvp(AvpCodes.EVENT_TIMESTAMP, Date.from(PURCHASE_TIME), true, false);
        }));
        answered.put("SCR", send(aaah, aaay, CommandCodes.SETTLEMENT_CANCEL, services, r -> {
            AvpSet a = serviceRequest(r);
            a.addAvp(VendorAvpCodes.SETTLEMENT_ID, SETTLEMENT, v, true, false, false);
        }));
        answered.put("CQR", send(aaah, aaay, CommandCodes.CHARGE_QUERY, services, r -> {
            AvpSet a = serviceRequest(r);
            a.addAvp(VendorAvpCodes.BILLING_PERIOD, BILLING_PERIOD, v, true, false, false);
        }));
        answered.put("SCMR", send(aaah, aaay, CommandCodes.SPONSORED_COMMUNICATION, services, r -> {
            AvpSet a = serviceRequest(r);
            a.addAvp(VendorAvpCodes.SPONSOR_ID, SPONSOR, v, true, false, false);
            a.addAvp(VendorAvpCodes.ADVERTISEMENT_ID, ADVERTISEMENT, v, true, false, false);
        }));
        answered.put("CCMR", send(aaah, aaay, CommandCodes.CREDIT_COMMUNICATION, services, r -> {
            AvpSet a = serviceRequest(r);
            a.addAvp(VendorAvpCodes.CREDIT_COMPANY_ID, CREDIT_COMPANY, v, true, false, false);
            a.addAvp(VendorAvpCodes.CUSTOMER_CREDENTIAL, CREDENTIAL, v, true, false);
            ccMoney(a);
        }));
        // RFC 4004, which stock tshark already knows: an AMR from the AAAF, an HAR to the home agent
        answered.put("AMR", send(aaaf, aaah, CommandCodes.AA_MOBILE_NODE, mobileIp, r -> {
            AvpSet a = r.getAvps();
            a.addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
            a.addAvp(AvpCodes.MIP_REG_REQUEST, registrationRequest(), true, false);
            AvpSet auth = a.addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false);
            auth.addAvp(AvpCodes.MIP_MN_AAA_SPI, 256L, true, false, true);
            auth.addAvp(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, 24L, true, false, true);
            auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 20L, true, false, true);
            auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_OFFSET, 32L, true, false, true);
            a.addAvp(AvpCodes.MIP_FEATURE_VECTOR, (long) Enumerations.MIP_FEATURE_VECTOR_HOME_AGENT_REQUESTED, true, false, true);
            a.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        }));
        answered.put("HAR", send(aaah, ha, CommandCodes.HOME_AGENT_MIP, mobileIp, r -> {
            AvpSet a = r.getAvps();
            a.addAvp(AvpCodes.AUTHORIZATION_LIFETIME, 300L, true, false, true);
            a.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
            a.addAvp(AvpCodes.MIP_REG_REQUEST, registrationRequest(), true, false);
            a.addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
            a.addAvp(AvpCodes.MIP_FEATURE_VECTOR, (long) Enumerations.MIP_FEATURE_VECTOR_MN_HA_KEY_REQUEST, true, false, true);
        }));
        Files.writeString(OUTPUT.resolve("answers.txt"), answered.entrySet().stream()
                .map(e -> e.getKey() + " answered " + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        assertThat(answered.values()).as("Result-Codes of %s", answered).doesNotContainAnyElementsOf(MALFORMED_REQUEST);

        // 3. stop the capture cleanly (SIGTERM: dumpcap finishes the file)
        Thread.sleep(500);
        int dumpcapExit = dumpcap.stop(Duration.ofSeconds(10));
        assertThat(dumpcapExit).as("dumpcap exit code; output:%n%s", dumpcap.output()).isZero();
        assertThat(dumpcap.output()).contains("Packets captured:");
        Files.setPosixFilePermissions(pcap, PosixFilePermissions.fromString("rw-r--r--"));

        // 4. tshark, with our dictionary as diameter/Custom.xml of a private data directory
        Dictionary dictionary = aaah.dictionary();
        tshark = Tshark.withCustomDictionary(wiresharkDictionary(), pcap, capturedPorts, OUTPUT);
        Path info = tshark.run("tshark-info.tsv", Duration.ofSeconds(60),
                "-Y", "diameter", "-T", "fields", "-E", "separator=/t", "-e", "frame.number", "-e", "_ws.col.Info");
        Map<Long, Set<String>> seen = decodedCommands(Files.readString(info));
        List<CommandDefinition> vendorCommands = dictionary.commands(vendor.accountingServicesApplicationId());
        assertThat(vendorCommands).as("requests and answers of the vendor application").hasSize(16)
                .extracting(CommandDefinition::code).containsOnly(CommandCodes.PURCHASE_INFORMATION,
                        CommandCodes.SETTLEMENT, CommandCodes.USER_CONFIRMATION, CommandCodes.PAYMENT_NOTIFICATION,
                        CommandCodes.SETTLEMENT_CANCEL, CommandCodes.CHARGE_QUERY, CommandCodes.SPONSORED_COMMUNICATION,
                        CommandCodes.CREDIT_COMMUNICATION);
        for (CommandDefinition command : vendorCommands) {
            String expected = shortName(command) + (command.request() ? " Request" : " Answer");
            assertThat(seen.getOrDefault((long) command.code(), Set.of()))
                    .as("%s (%d) decoded by name; tshark saw %s", command.abbreviation(), command.code(), seen)
                    .contains(expected);
        }
        assertThat(seen.get((long) CommandCodes.AA_MOBILE_NODE)).contains("AA-Mobile-Node Request", "AA-Mobile-Node Answer");
        assertThat(seen.get((long) CommandCodes.HOME_AGENT_MIP)).contains("Home-Agent-MIP Request", "Home-Agent-MIP Answer");
        assertThat(seen.get((long) CommandCodes.CAPABILITIES_EXCHANGE))
                .contains("Capabilities-Exchange Request", "Capabilities-Exchange Answer");
        assertThat(seen.values().stream().flatMap(Set::stream)).noneMatch(name -> name.startsWith("Unknown"));

        Path verbose = tshark.run("tshark-V.txt", Duration.ofSeconds(60), "-V", "-Y", "diameter");
        String decoded = Files.readString(verbose, StandardCharsets.UTF_8);
        List<String> forbidden = List.of("Unknown AVP", "Unknown(", "Unknown (", "Malformed");
        assertThat(decoded.lines().filter(l -> forbidden.stream().anyMatch(l::contains)).toList())
                .as("lines of %s naming something tshark does not know", verbose).isEmpty();
        List<String> expected = List.of(
                // the application and the vendor of the AVPs come from our dictionary
                "ApplicationId: MIP-Accounting-Services (" + vendor.accountingServicesApplicationId() + ")",
                "vnd=" + Dictionary.VENDOR_SYMBOL,
                // values of every AVP type we use, as tshark reads them with our types
                "Payee-Id: " + PAYEE,
                "Order-Reference: " + ORDER,
                "Goods-Description: " + GOODS,
                "Settlement-Mode: HOME_ONLY (2)",
                "Settlement-Mode: DEBIT_PAYEE_ACCOUNT (1)",
                "Settlement-Id: " + SETTLEMENT,
                "Billing-Period: " + BILLING_PERIOD,
                "Sponsor-Id: " + SPONSOR,
                "Advertisement-Id: " + ADVERTISEMENT,
                "Credit-Company-Id: " + CREDIT_COMPANY,
                "Customer-Credential: cafe0001",
                "Terminal-Host: " + TERMINAL,
                "AAAM-SPI: " + AAAM_SPI,
                "AAAM-Replay-Counter: " + REPLAY_COUNTER,
                "AAAM-Authenticator-Value: " + "00".repeat(20),
                "Value-Digits: " + VALUE_DIGITS,
                "Exponent: " + EXPONENT,
                "Currency-Code: " + EURO,
                "Event-Timestamp: Nov 20, 2026 10:15:30.000000000 UTC",
                "Vendor-Id: " + v);
        assertThat(expected.stream().filter(e -> !decoded.contains(e)).toList())
                .as("decoded values missing from %s", verbose).isEmpty();

        Path problems = tshark.run("tshark-problems.txt", Duration.ofSeconds(60),
                "-Y", "_ws.malformed || _ws.expert.severity == error");
        assertThat(Files.readString(problems)).as("malformed packets or expert errors, in %s", problems).isBlank();

        Path expert = tshark.run("tshark-expert-warn.txt", Duration.ofSeconds(60), "-q", "-z", "expert,warn");
        List<String> warnings = Files.readAllLines(expert).stream()
                .filter(l -> l.matches("\\s*\\d+\\s+\\S+.*")) // "Frequency Group Protocol Summary" rows
                .toList();
        // the only warnings allowed: TCP resets of connection attempts that never got established (a node
        // dials a peer of the topology that is not listening yet and retries; see the check below)
        assertThat(warnings).as("expert warnings in %s", expert)
                .allMatch(l -> l.contains(" TCP ") && l.contains("Connection reset (RST)"));
        Path handshakes = tshark.run("tshark-resets.tsv", Duration.ofSeconds(60),
                "-Y", "tcp.flags.reset == 1 || (tcp.flags.syn == 1 && tcp.flags.ack == 1)",
                "-T", "fields", "-E", "separator=/t", "-e", "tcp.stream", "-e", "tcp.flags.reset");
        Set<String> established = new TreeSet<>();
        Set<String> reset = new TreeSet<>();
        for (String line : Files.readAllLines(handshakes)) {
            String[] f = line.split("\t");
            (f.length > 1 && f[1].matches("1|True") ? reset : established).add(f[0]);
        }
        assertThat(reset).as("TCP streams reset after their handshake (SYN-ACK) completed").doesNotContainAnyElementsOf(established);

        // 5. the control: stock tshark, without our dictionary, does not know the vendor commands
        Path stockInfo = Tshark.stock(pcap, capturedPorts, OUTPUT).run("tshark-info-stock-dictionary.tsv",
                Duration.ofSeconds(60), "-Y", "diameter", "-T", "fields", "-E", "separator=/t", "-e", "frame.number",
                "-e", "_ws.col.Info");
        Map<Long, Set<String>> stock = decodedCommands(Files.readString(stockInfo));
        assertThat(stock.getOrDefault((long) CommandCodes.PURCHASE_INFORMATION, Set.of()))
                .as("without our dictionary the PIR is not named (else this test proves nothing)")
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("Purchase-Information"));
    }

    /** Sends one request and returns the Result-Code of its answer, after checking it against the dictionary. */
    private static long send(DiameterNode from, DiameterNode to, int command, ApplicationId app, Consumer<Request> shape)
            throws Exception {
        DiameterClient.OutgoingRequest out = from.client().newRequest(command, app, to.realm(), to.host());
        shape.accept(out.request());
        CommandDefinition definition = from.dictionary().command(app.getAuthAppId(), command, true)
                .orElseThrow(() -> new AssertionError("no request " + command + " in the dictionary"));
        assertThat(violations(from.dictionary(), definition, out.request().getAvps()))
                .as("%s as built by the test against its ABNF", definition.abbreviation()).isEmpty();
        Answer answer = out.send().get(10, TimeUnit.SECONDS);
        Avp rc = answer.getAvps().getAvp(AvpCodes.RESULT_CODE);
        assertThat(rc).as("Result-Code of the answer to %s", definition.abbreviation()).isNotNull();
        assertThat(answer.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo(to.host());
        return rc.getUnsigned32();
    }

    /** The rules of the ABNF (and of the grouped AVPs inside) that a request breaks. */
    static List<String> violations(Dictionary dictionary, CommandDefinition command, AvpSet avps) {
        List<String> out = new ArrayList<>();
        command.violations((code, vendorId) -> avps.getAvps(code, vendorId).size())
                .forEach(rule -> out.add(command.abbreviation() + ": " + rule.abnf()));
        groupedViolations(dictionary, avps, out);
        return out;
    }

    private static void groupedViolations(Dictionary dictionary, AvpSet avps, List<String> out) {
        for (Avp avp : avps) {
            AvpDefinition definition = dictionary.avp(avp.getCode(), avp.getVendorId()).orElse(null);
            if (definition == null) {
                out.add("AVP " + avp.getCode() + "/" + avp.getVendorId() + " is not in the dictionary");
            } else if (definition.isGrouped()) {
                try {
                    AvpSet inner = avp.getGrouped();
                    definition.violations((code, vendorId) -> inner.getAvps(code, vendorId).size())
                            .forEach(rule -> out.add(definition.name() + ": " + rule.abnf()));
                    groupedViolations(dictionary, inner, out);
                } catch (AvpDataException e) {
                    out.add(definition.name() + ": " + e);
                }
            }
        }
    }

    /** What every request of the vendor application carries besides its own AVPs. */
    private static AvpSet serviceRequest(Request request) {
        AvpSet avps = request.getAvps();
        avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        avps.addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
        return avps;
    }

    /** Purchase-Info { Payee-Id, Order-Reference, Goods-Description, CC-Money, Event-Timestamp }. */
    private static void purchaseInfo(AvpSet avps, long vendorId) {
        AvpSet info = avps.addGroupedAvp(VendorAvpCodes.PURCHASE_INFO, vendorId, true, false);
        info.addAvp(VendorAvpCodes.PAYEE_ID, PAYEE, vendorId, true, false, false);
        info.addAvp(VendorAvpCodes.ORDER_REFERENCE, ORDER, vendorId, true, false, false);
        info.addAvp(VendorAvpCodes.GOODS_DESCRIPTION, GOODS, vendorId, true, false, false);
        ccMoney(info);
        info.addAvp(AvpCodes.EVENT_TIMESTAMP, Date.from(PURCHASE_TIME), true, false);
    }

    /** CC-Money { Unit-Value { Value-Digits, Exponent }, Currency-Code } (RFC 4006 §8.22): 12.50 EUR. */
    private static void ccMoney(AvpSet avps) {
        AvpSet money = avps.addGroupedAvp(AvpCodes.CC_MONEY, true, false);
        AvpSet unitValue = money.addGroupedAvp(AvpCodes.UNIT_VALUE, true, false);
        unitValue.addAvp(AvpCodes.VALUE_DIGITS, VALUE_DIGITS, true, false);
        unitValue.addAvp(AvpCodes.EXPONENT, EXPONENT, true, false);
        money.addAvp(AvpCodes.CURRENCY_CODE, EURO, true, false, true);
    }

    /** A Mobile IPv4 Registration Request (RFC 5944 §3.3) of the minimum length, type 1. */
    private static byte[] registrationRequest() {
        byte[] registration = new byte[24];
        registration[0] = 1;
        return registration;
    }

    /** The shipped Wireshark dictionary of the dictionaries module. */
    static InputStream wiresharkDictionary() {
        InputStream in = Dictionary.class.getResourceAsStream(Dictionary.WIRESHARK_RESOURCE);
        if (in == null) {
            throw new AssertionError(Dictionary.WIRESHARK_RESOURCE + " is not on the class path");
        }
        return in;
    }

    /** "Purchase-Information" for Purchase-Information-Request / -Answer: the name tshark shows. */
    private static String shortName(CommandDefinition command) {
        return command.name().replaceFirst("-(Request|Answer)$", "");
    }

    private static final Pattern CMD = Pattern.compile("cmd=(.+?) (Request|Answer)\\((\\d+)\\)");

    /** By Command-Code, the names and directions tshark gave ("Purchase-Information Request"). */
    static Map<Long, Set<String>> decodedCommands(String infoColumn) {
        Map<Long, Set<String>> seen = new TreeMap<>();
        Matcher m = CMD.matcher(infoColumn);
        while (m.find()) {
            seen.computeIfAbsent(Long.parseLong(m.group(3)), k -> new TreeSet<>()).add(m.group(1) + " " + m.group(2));
        }
        return seen;
    }
}
