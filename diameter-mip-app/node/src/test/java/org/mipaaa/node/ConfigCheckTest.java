package org.mipaaa.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.pki.PkiIssuer;

/**
 * A carrier's typo or bad value is found before the node starts (issue 19, item 4): each problem one
 * line naming the file, the key and what would fix it; the shipped configuration has none.
 */
class ConfigCheckTest {

    private static final Path CONFIG = Path.of("../../config");

    @TempDir
    Path dir;

    /** config/aaah's node.properties with {@code extra} lines added, in a directory of its own. */
    private Path aaahWith(String extra) throws IOException {
        Path aaah = dir.resolve("aaah");
        Files.createDirectories(aaah);
        Files.writeString(aaah.resolve("node.properties"), Files.readString(CONFIG.resolve("aaah/node.properties")) + "\n" + extra + "\n");
        Files.copy(CONFIG.resolve("aaah/jdiameter.xml"), aaah.resolve("jdiameter.xml"));
        return aaah;
    }

    @Test
    void everyShippedDirectoryHasOnlyKeysItsRolesKnow() throws IOException {
        List<Path> shipped;
        try (var walk = Files.walk(CONFIG)) {
            shipped = walk.filter(p -> p.getFileName().toString().equals(ConfigSource.NODE_FILE)).map(Path::getParent).toList();
        }
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(6);
        for (Path role : shipped) {
            ConfigSource config = ConfigSource.of(role, Map.of());
            assertThat(ConfigCheck.unknownKeys(config.settings(), NodeSettings.from(config).roles())).as(role.toString()).isEmpty();
        }
    }

    @Test
    void theShippedAaahDirectoryHasNoProblemOnceItsCertificatesAreIssued() throws Exception {
        Path tls = dir.resolve("tls");
        PkiIssuer.issueAll(tls, "check CA", List.of("aaah.home.example"), List.of());
        String before = System.getProperty("tls.dir");
        System.setProperty("tls.dir", tls.toString()); // as `-Dtls.dir=...` would on the command line
        try {
            assertThat(ConfigCheck.problems(CONFIG.resolve("aaah"))).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty("tls.dir");
            } else {
                System.setProperty("tls.dir", before);
            }
        }
    }

    @Test
    void aTypoIsNamedWithTheClosestKnownKey() throws IOException {
        Path aaah = aaahWith("handler.thread=8\nops.prot=9000\nsomething.else.entirely=1");

        assertThat(ConfigCheck.problems(aaah)).contains(
                aaah.resolve("node.properties") + ": unknown key 'handler.thread' (did you mean 'handler.threads'?)",
                aaah.resolve("node.properties") + ": unknown key 'ops.prot' (did you mean 'ops.port'?)",
                aaah.resolve("node.properties") + ": unknown key 'something.else.entirely'");
    }

    @Test
    void aBadValueNamesTheKeyAndTheFile() throws IOException {
        Path aaah = aaahWith("handler.threads=four");

        assertThat(ConfigCheck.problems(aaah))
                .contains(aaah.resolve("node.properties") + ": handler.threads=four is not a whole number");
    }

    @Test
    void aBooleanThatIsNeitherTrueNorFalseIsAnErrorNotFalse() throws IOException {
        Path aaah = aaahWith("transport.keepalive=yes");

        assertThat(ConfigCheck.problems(aaah))
                .contains(aaah.resolve("node.properties") + ": transport.keepalive=yes is not true or false");
    }

    @Test
    void aMissingFileIsAnErrorNotAnEmptyConfiguration() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path noXml = aaahWith("");
        Files.delete(noXml.resolve("jdiameter.xml"));

        assertThat(ConfigCheck.problems(empty)).singleElement().asString()
                .startsWith(empty.resolve("node.properties") + ": missing");
        assertThat(ConfigCheck.problems(noXml)).contains(noXml.resolve("jdiameter.xml")
                + ": missing (a role's directory holds node.properties and jdiameter.xml)");
    }

    @Test
    void theClosestKeyIsTheFewestEditsAway() {
        assertThat(ConfigCheck.distance("handler.thread", "handler.threads")).isEqualTo(1);
        assertThat(ConfigCheck.distance("ops.prot", "ops.port")).isEqualTo(2);
        assertThat(ConfigCheck.distance("", "abc")).isEqualTo(3);
    }
}
