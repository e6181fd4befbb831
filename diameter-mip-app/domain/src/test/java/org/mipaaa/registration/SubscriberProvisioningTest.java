package org.mipaaa.registration;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.MnAaaAlgorithm;
import org.mipaaa.state.StateStore;
import org.slf4j.LoggerFactory;

/** Provisioning subscribers from a file into the real Infinispan directory. */
class SubscriberProvisioningTest {

    private static final Path SHIPPED = Path.of("../../config/aaah/subscribers.properties");
    private static final String KEY_A = "000102030405060708090a0b0c0d0e0f";
    private static final String KEY_B = "f0e1d2c3b4a5968778695a4b3c2d1e0f";

    @TempDir
    Path data;
    @TempDir
    Path conf;

    private StateStore store;
    private SubscriberDirectory directory;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger provisioningLogger = (Logger) LoggerFactory.getLogger(SubscriberProvisioning.class);
    private Level provisioningLevel;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
        directory = InfinispanSubscriberDirectory.in(store);
        provisioningLevel = provisioningLogger.getLevel();
        provisioningLogger.setLevel(Level.TRACE);
        logs.start();
        rootLogger.addAppender(logs);
    }

    @AfterEach
    void close() {
        rootLogger.detachAppender(logs);
        provisioningLogger.setLevel(provisioningLevel);
        store.close();
    }

    private Path file(String text) throws IOException {
        Path f = conf.resolve("subscribers.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theShippedSampleProvisionsItsDemoSubscribers() {
        assertThat(SubscriberProvisioning.load(SHIPPED, directory, AddressRange.parse("10.1.0.10-10.1.0.250"))).isEqualTo(3);

        Subscriber mn1 = directory.find("mn1@home.example").orElseThrow();
        assertThat(mn1.mnAaa().spi()).isEqualTo(256);
        assertThat(mn1.mnAaa().algorithm()).isEqualTo(MnAaaAlgorithm.HMAC_MD5);
        assertThat(new String(mn1.mnAaa().key(), US_ASCII)).isEqualTo("demo-mn1-aaa-key");
        assertThat(mn1.homeRealm()).isEqualTo("home.example");
        assertThat(mn1.fixedHomeAddress()).isEmpty();
        assertThat(mn1.homeAgent()).isEmpty();

        Subscriber mn2 = directory.find("mn2@home.example").orElseThrow();
        assertThat(mn2.fixedHomeAddress()).contains(Ipv4.parse("10.1.0.5"));
        assertThat(mn2.homeAgent()).contains(Ipv4.parse("10.1.0.1"));

        Subscriber mn3 = directory.find("mn3@home.example").orElseThrow();
        assertThat(mn3.mnAaa().spi()).isEqualTo(MnAaaAlgorithm.CHAP_SPI);
        assertThat(mn3.mnAaa().algorithm()).isEqualTo(MnAaaAlgorithm.CHAP_MD5);

        assertThat(directory.find("mn9@home.example")).isEmpty();
        assertThat(directory.nais()).containsExactlyInAnyOrder("mn1@home.example", "mn2@home.example", "mn3@home.example");
    }

    @Test
    void readsEverySettingAndTakesTheKeyFromAKeyFileRelativeToTheSubscriberFile() throws IOException {
        Files.createDirectories(conf.resolve("keys"));
        Files.writeString(conf.resolve("keys/a.hex"), "00 01 02 03 04 05 06 07\n08 09 0a 0b 0c 0d 0e 0f\n");
        Path f = file("""
                subscriber.alice@visited.example.spi=4096
                subscriber.alice@visited.example.key.file=keys/a.hex
                subscriber.alice@visited.example.realm=home.example
                subscriber.alice@visited.example.home.address=192.0.2.7
                subscriber.alice@visited.example.home.agent=192.0.2.1
                subscriber.bob@home.example.spi=300
                subscriber.bob@home.example.algorithm=hmac_md5
                subscriber.bob@home.example.key.hex=F0:E1:D2:C3:B4:A5:96:87:78:69:5A:4B:3C:2D:1E:0F
                """);

        SubscriberProvisioning.load(f, directory);

        Subscriber alice = directory.find("alice@visited.example").orElseThrow();
        assertThat(alice.mnAaa().key()).isEqualTo(java.util.HexFormat.of().parseHex(KEY_A));
        assertThat(alice.mnAaa().algorithm()).isEqualTo(MnAaaAlgorithm.HMAC_MD5);
        assertThat(alice.homeRealm()).isEqualTo("home.example");
        assertThat(alice.fixedHomeAddress()).contains(Ipv4.parse("192.0.2.7"));
        assertThat(alice.homeAgent()).contains(Ipv4.parse("192.0.2.1"));
        Subscriber bob = directory.find("bob@home.example").orElseThrow();
        assertThat(bob.mnAaa().key()).isEqualTo(java.util.HexFormat.of().parseHex(KEY_B));
        assertThat(bob).isEqualTo(Subscriber.of("bob@home.example", bob.mnAaa()));
    }

    @Test
    void theFileIsTheTruthAReloadReplacesChangedAndRemovesDroppedSubscribers() throws IOException {
        SubscriberProvisioning.load(file("""
                subscriber.a@home.example.spi=256
                subscriber.a@home.example.key.hex=%s
                subscriber.b@home.example.spi=256
                subscriber.b@home.example.key.hex=%s
                """.formatted(KEY_A, KEY_A)), directory);

        SubscriberProvisioning.load(file("""
                subscriber.a@home.example.spi=999
                subscriber.a@home.example.key.hex=%s
                """.formatted(KEY_B)), directory);

        assertThat(directory.nais()).containsExactly("a@home.example");
        assertThat(directory.find("a@home.example").orElseThrow().mnAaa().spi()).isEqualTo(999);
        assertThat(directory.find("b@home.example")).isEmpty();
    }

    @Test
    void aMalformedFileIsRefusedWithoutChangingTheDirectoryOrShowingAKey() throws IOException {
        SubscriberProvisioning.load(SHIPPED, directory);
        List<String> bad = List.of(
                "subscriber.a@home.example.spi=256\nsubscriber.a@home.example.key.hex=" + KEY_A + "\nsubscriber.a@home.example.colour=red\n",
                "subscriber.a@home.example.key.hex=" + KEY_A + "\n",
                "subscriber.a@home.example.spi=256\n",
                "subscriber.a@home.example.spi=256\nsubscriber.a@home.example.key.hex=" + KEY_A
                        + "\nsubscriber.a@home.example.key.file=k.hex\n",
                "subscriber.a@home.example.spi=256\nsubscriber.a@home.example.key.hex=" + KEY_A.substring(2) + "\n",
                "subscriber.a@home.example.spi=256\nsubscriber.a@home.example.key.hex=" + KEY_A + "0\n",
                "subscriber.a@home.example.spi=256\nsubscriber.a@home.example.key.hex=" + KEY_A.replace('a', 'x') + "\n",
                "subscriber.a@home.example.spi=7\nsubscriber.a@home.example.key.hex=" + KEY_A + "\n",
                "subscriber.a@home.example.spi=256\nsubscriber.a@home.example.algorithm=SHA3\nsubscriber.a@home.example.key.hex="
                        + KEY_A + "\n",
                "subscriber.a@home.example.spi=256\nsubscriber.a@home.example.key.hex=" + KEY_A
                        + "\nsubscriber.a@home.example.home.address=10.1.0.300\n",
                "subscriber.nobody.spi=256\nsubscriber.nobody.key.hex=" + KEY_A + "\n",
                "accounts.a@home.example.spi=256\n");

        for (String text : bad) {
            Path f = file(text);
            assertThatThrownBy(() -> SubscriberProvisioning.load(f, directory)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_A.substring(4, 28))
                            .doesNotContain(KEY_A.replace('a', 'x').substring(4, 28)));
        }
        assertThat(directory.nais()).hasSize(3);
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(KEY_A.substring(4, 28)));
    }

    @Test
    void aFixedHomeAddressInsideTheDynamicPoolIsRefused() throws IOException {
        Path f = file("""
                subscriber.a@home.example.spi=256
                subscriber.a@home.example.key.hex=%s
                subscriber.a@home.example.home.address=10.1.0.20
                """.formatted(KEY_A));

        assertThatThrownBy(() -> SubscriberProvisioning.load(f, directory, AddressRange.parse("10.1.0.10-10.1.0.250")))
                .hasMessageContaining("10.1.0.20").hasMessageContaining("pool");
        assertThat(directory.nais()).isEmpty();
        assertThat(SubscriberProvisioning.load(f, directory, AddressRange.parse("10.1.0.100-10.1.0.250"))).isEqualTo(1);
    }

    @Test
    void neitherTheLogNorASubscribersTextShowsAKey() throws IOException {
        SubscriberProvisioning.load(file("""
                subscriber.a@home.example.spi=256
                subscriber.a@home.example.key.hex=%s
                """.formatted(KEY_A)), directory);

        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(KEY_A));
        assertThat(logs.list).filteredOn(event -> event.getLoggerName().equals(SubscriberProvisioning.class.getName()))
                .singleElement().satisfies(event -> assertThat(event.getFormattedMessage()).contains("1 subscribers"));
        assertThat(directory.find("a@home.example").orElseThrow().toString()).doesNotContain(KEY_A).contains("spi=256");
    }

    @Test
    void subscribersAreMemoryOnlyAndComeBackByProvisioningAfterARestart() {
        SubscriberProvisioning.load(SHIPPED, directory);
        store.close();

        store = TestStores.open(data);
        directory = InfinispanSubscriberDirectory.in(store);
        assertThat(directory.find("mn1@home.example")).isEqualTo(Optional.empty());
        SubscriberProvisioning.load(SHIPPED, directory);
        assertThat(directory.find("mn1@home.example")).isPresent();
    }

    @Test
    void anAaamSpiIsReadIndexedAndUniqueAndOutsideTheReservedRange() throws IOException {
        SubscriberProvisioning.load(file("""
                subscriber.a@home.example.spi=256
                subscriber.a@home.example.key.hex=%s
                subscriber.a@home.example.aaam.spi=4097
                subscriber.b@home.example.spi=256
                subscriber.b@home.example.key.hex=%s
                """.formatted(KEY_A, KEY_B)), directory);

        assertThat(directory.find("a@home.example").orElseThrow().aaamSpi()).hasValue(4097);
        assertThat(directory.find("b@home.example").orElseThrow().aaamSpi()).isEmpty();
        assertThat(directory.findByAaamSpi(4097).map(Subscriber::nai)).contains("a@home.example");
        assertThat(directory.findByAaamSpi(256)).as("the MN-AAA SPI is another number").isEmpty();

        // the file changes: a's association moves to SPI 5000, b takes 4097
        SubscriberProvisioning.load(file("""
                subscriber.a@home.example.spi=256
                subscriber.a@home.example.key.hex=%s
                subscriber.a@home.example.aaam.spi=5000
                subscriber.b@home.example.spi=256
                subscriber.b@home.example.key.hex=%s
                subscriber.b@home.example.aaam.spi=4097
                """.formatted(KEY_A, KEY_B)), directory);
        assertThat(directory.findByAaamSpi(5000).map(Subscriber::nai)).contains("a@home.example");
        assertThat(directory.findByAaamSpi(4097).map(Subscriber::nai)).contains("b@home.example");

        assertThatThrownBy(() -> SubscriberProvisioning.read(file("""
                subscriber.a@home.example.spi=256
                subscriber.a@home.example.key.hex=%s
                subscriber.a@home.example.aaam.spi=4097
                subscriber.b@home.example.spi=256
                subscriber.b@home.example.key.hex=%s
                subscriber.b@home.example.aaam.spi=4097
                """.formatted(KEY_A, KEY_B)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same aaam.spi 4097");
        assertThatThrownBy(() -> SubscriberProvisioning.read(file("""
                subscriber.a@home.example.spi=256
                subscriber.a@home.example.key.hex=%s
                subscriber.a@home.example.aaam.spi=255
                """.formatted(KEY_A)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThat(SubscriberProvisioning.read(SHIPPED)).filteredOn(sub -> sub.aaamSpi().isPresent()).extracting(Subscriber::nai)
                .containsExactlyInAnyOrder("mn1@home.example", "mn2@home.example");
    }
}
