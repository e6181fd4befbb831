package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.fa.ForeignAgent;
import org.mipaaa.ha.presence.HomeAgentIconEndpoint;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.LoopbackSetup;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.node.MobileNode;
import org.mipaaa.presence.web.PageSettings;
import org.mipaaa.presence.web.PresencePage;
import org.mipaaa.role.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The presence page in a real browser (seed Fig. 20, S2001-S2011): headless chromium shows the page
 * served from config/www/presence-page.properties, the HA (presence on, config/ha/presence.properties)
 * notifies it, and the mobile node registers through FA, AAAF, AAAH and HA over real sockets. The
 * page must follow each change by itself: a marker set in the window after the first load must still
 * be there at the end (a reload would have cleared it). Screenshots go to target/screenshots/.
 */
class PresencePageBrowserTest {

    private static final String MN1 = "mn1@home.example";
    /** mn1's demo key from config/aaah/subscribers.properties. */
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Short, so the lifetime lapses within the test; the HA sweeps expired bindings every second (ha.expiry.check.ms). */
    private static final int SHORT_LIFETIME_S = 5;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MARKER = "loaded once, never reloaded";

    private PresencePage page;
    private TopologyFixture fixture;
    private HeadlessChromium chromium;

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (fixture != null) {
            fixture.close();
        }
        if (page != null) {
            page.close();
        }
    }

    private void start(Map<String, String> more) throws Exception {
        start(PageSettings.load(TopologyFixture.configRoot().resolve("www/presence-page.properties")), more);
    }

    /** The page on a free loopback port, and FA, AAAF, AAAH, HA with presence on, pointed at it unless {@code more} says otherwise. */
    private void start(PageSettings settings, Map<String, String> more) throws Exception {
        start(settings, started -> more);
    }

    /** As {@link #start(PageSettings, Map)}, with overrides that depend on the started page (its origin). */
    private void start(PageSettings settings, java.util.function.Function<PresencePage, Map<String, String>> more) throws Exception {
        page = PresencePage.start(settings.withPort(0));
        Map<String, String> overrides = new HashMap<>();
        overrides.put("ha.presence.file", "presence.properties");
        overrides.put("presence.page.url", page.notificationUrl().toString());
        overrides.put("presence.retry.first.ms", "200");
        overrides.put("presence.retry.max.ms", "2000");
        overrides.putAll(more.apply(page));
        fixture = new TopologyFixture().start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH, Role.HA), RoleApplications.STANDARD, overrides);
    }

    /** Opens the page and waits until its event stream is connected; marks the window. */
    private void openPage() throws Exception {
        chromium = new HeadlessChromium();
        chromium.driver().get(page.url().toString());
        new WebDriverWait(chromium.driver(), WAIT).until(d -> "true".equals(
                d.findElement(By.id("connection")).getAttribute("data-connected")));
        ((JavascriptExecutor) chromium.driver()).executeScript("window.mipAaaMarker = arguments[0];", MARKER);
    }

    private WebElement mn1Entry() {
        return chromium.driver().findElement(By.cssSelector("li.terminal[data-nai='" + MN1 + "']"));
    }

    /** Waits until mn1's entry shows {@code look}, then takes a screenshot named {@code shot}. */
    private void awaitLook(String look, String shot) {
        new WebDriverWait(chromium.driver(), WAIT).until(d -> look.equals(mn1Entry().getAttribute("data-look")));
        chromium.screenshot(SCREENSHOTS, shot);
    }

    private void assertNotReloaded() {
        assertThat(((JavascriptExecutor) chromium.driver()).executeScript("return window.mipAaaMarker;"))
                .as("the window of the first load, not a reloaded page").isEqualTo(MARKER);
    }

    private MobileNode.Outcome register(MobileNode mn, int lifetimeSeconds) throws Exception {
        ForeignAgent.Advertisement ad = fixture.topology().node(Role.FA).installation().fa().agent().advertise();
        MobileNode.FirstRegistration registration = mn.firstRegistration(ad.careOfAddress(), ad.challenge(), lifetimeSeconds);
        MobileNode.Outcome outcome = registration.accept(MobileIpUdp.exchange(ad.registrationAddress(), registration.bytes()));
        assertThat(outcome.accepted()).as(String.valueOf(outcome.problem())).isTrue();
        return outcome;
    }

    private static MobileNode mn1() {
        return new MobileNode(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY), Ipv4.parse("0.0.0.0"), Clock.systemUTC());
    }

    @Test
    void s2001ToS2011_thePageShowsVisitedThenOutOfZoneThenBusyWithoutAReload() throws Exception {
        start(Map.of());
        openPage();
        assertThat(mn1Entry().getAttribute("data-look")).isEqualTo("unknown");
        chromium.screenshot(SCREENSHOTS, "s2001-1-nothing-heard-yet");

        // S2001-S2003, S2011: the MN registers in a visited network, the HA notifies the page
        MobileNode mn = mn1();
        MobileNode.Outcome registered = register(mn, SHORT_LIFETIME_S);
        awaitLook("visiting", "s2003-2-visited-network");
        WebElement entry = mn1Entry();
        assertThat(entry.getAttribute("data-state")).isEqualTo("VISITING");
        assertThat(entry.findElement(By.cssSelector("img.icon")).getAttribute("alt")).isEqualTo("visited network");
        assertThat(entry.findElement(By.cssSelector(".state")).getText()).startsWith("visited network");
        assertThat(entry.findElement(By.cssSelector("a.call")).getAttribute("href")).isEqualTo("sip:" + MN1);
        assertThat(registered.reply().lifetime()).isEqualTo(SHORT_LIFETIME_S);

        // S2002 YES, S2010: no renewal within the lifetime, the HA's sweep finds it out of zone
        awaitLook("out-of-zone", "s2010-3-out-of-zone");
        assertThat(mn1Entry().getAttribute("data-state")).isEqualTo("OUT_OF_ZONE");
        assertThat(mn1Entry().findElement(By.cssSelector("img.icon")).getAttribute("alt")).isEqualTo("out of zone");

        // S2004-S2009: registered again, now busy on its telephone (the NVSE under its MN-AAA authenticator)
        mn.busy(true);
        register(mn, 1200);
        awaitLook("busy", "s2007-4-busy");
        assertThat(mn1Entry().getAttribute("data-state")).isEqualTo("VISITING");
        assertThat(mn1Entry().getAttribute("data-busy")).isEqualTo("true");
        assertThat(mn1Entry().findElement(By.cssSelector("img.icon")).getAttribute("alt")).isEqualTo("busy");
        assertThat(mn1Entry().findElement(By.cssSelector("img.icon")).getAttribute("src")).endsWith("/icons/busy.svg");

        assertNotReloaded();
        assertThat(page.board().shown(MN1).orElseThrow().sequence()).as("VISITING, OUT_OF_ZONE, VISITING busy").isEqualTo(3);
    }

    @Test
    void s2002_aLifetimeThatLapsedWhileTheHomeAgentWasDownShowsOutOfZoneAfterItsRestart() throws Exception {
        start(Map.of());
        openPage();
        register(mn1(), SHORT_LIFETIME_S);
        awaitLook("visiting", "s2002-restart-1-visited-network");

        fixture.topology().stop(Role.HA);
        Thread.sleep(Duration.ofSeconds(SHORT_LIFETIME_S + 1).toMillis()); // the lifetime lapses while nobody sweeps
        assertThat(mn1Entry().getAttribute("data-look")).as("nobody told the page yet").isEqualTo("visiting");
        fixture.topology().restart(Role.HA);

        awaitLook("out-of-zone", "s2002-restart-2-out-of-zone");
        assertNotReloaded();
    }

    @Test
    void s2011Variant_theHomeAgentServesTheIconOfTheNodesStateItself() throws Exception {
        start(Map.of("ha.presence.icons.port", Integer.toString(LoopbackSetup.freePort())));
        HomeAgentIconEndpoint icons = fixture.topology().node(Role.HA).installation().ha().presence().orElseThrow().icons().orElseThrow();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI mn1Icon = icons.iconOf(MN1);
        assertThat(mn1Icon.getHost()).isEqualTo("127.0.0.1");

        HttpResponse<String> before = http.send(HttpRequest.newBuilder(mn1Icon).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).contains("data-look=\"unknown\"");

        MobileNode mn = mn1();
        mn.busy(true);
        register(mn, 1200);

        HttpResponse<String> after = http.send(HttpRequest.newBuilder(mn1Icon).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/svg+xml"));
        assertThat(after.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(after.body()).contains("data-look=\"busy\"").contains("aria-label=\"busy\"").contains("<title>busy</title>");
        HttpResponse<String> nonsense = http.send(HttpRequest.newBuilder(icons.url().resolve("/presence/" + MN1)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nonsense.statusCode()).isEqualTo(404);
    }

    @Test
    void s2011Variant_aPageShowingTheHomeAgentsIconsFollowsTheNodeWithNoNotificationAtAll() throws Exception {
        int iconPort = LoopbackSetup.freePort();
        Path settings = Files.createTempFile("presence-page", ".properties");
        try {
            Files.writeString(settings, Files.readString(TopologyFixture.configRoot().resolve("www/presence-page.properties"))
                    + "\nha.demo-page.icons.url=http://127.0.0.1:" + iconPort + "/presence/\nicons.refresh.ms=300\n");
            // the HA's notifications go nowhere: nothing listens on that port; the carrier lets this page read
            // the HA's icons by script (presence.icons.allowed.origins), the only page besides those it notifies
            start(PageSettings.load(settings), started -> Map.of("ha.presence.icons.port", Integer.toString(iconPort),
                    "presence.page.url", "http://127.0.0.1:" + LoopbackSetup.freePort() + "/presence",
                    "presence.icons.allowed.origins", "http://127.0.0.1:" + started.url().getPort()));
        } finally {
            Files.delete(settings);
        }
        openPage();
        new WebDriverWait(chromium.driver(), WAIT).until(d -> "true".equals(mn1Entry().getAttribute("data-icon-reachable")));
        assertThat(mn1Entry().findElement(By.cssSelector("img.icon")).getAttribute("src"))
                .startsWith("http://127.0.0.1:" + iconPort + "/presence/" + MN1 + "/icon.svg");

        MobileNode mn = mn1();
        register(mn, 1200);
        awaitLook("visiting", "s2011-variant-1-visited-network-from-the-ha");
        mn.busy(true);
        Thread.sleep(1100); // a newer timestamp Identification (RFC 5944 §5.7.1)
        register(mn, 1200);
        awaitLook("busy", "s2011-variant-2-busy-from-the-ha");
        assertThat(mn1Entry().findElement(By.cssSelector("img.icon")).getAttribute("alt")).isEqualTo("busy");

        assertNotReloaded();
        assertThat(page.board().shown(MN1).orElseThrow().sequence()).as("the page was never notified").isZero();
    }
}
