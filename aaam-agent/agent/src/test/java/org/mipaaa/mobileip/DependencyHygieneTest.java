package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * aaam-agent is imported by mobile-node vendors: its main code uses the JDK, slf4j-api and this
 * project's Apache-2.0 modules only — never jDiameter (AGPL) or anything else.
 */
class DependencyHygieneTest {

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void mainCodeImportsOnlyTheJdkSlf4jAndOurOwnPackages() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(main)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            Matcher m = IMPORT.matcher(Files.readString(source));
            while (m.find()) {
                assertThat(m.group(1)).as("import in %s", source)
                        .matches("(java|javax\\.crypto|javax\\.net\\.ssl|org\\.slf4j|org\\.mipaaa)\\..*");
            }
        }
    }

    @Test
    void theLibraryAVendorEmbedsNeitherExitsTheJvmNorCarriesTheLabSipStackOrTheCli() throws IOException {
        Path main = Path.of("src/main/java");
        List<Path> sources;
        try (Stream<Path> s = Files.walk(main)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).collect(java.util.stream.Collectors.toList());
        }
        for (Path source : sources) {
            assertThat(Files.readString(source)).as("%s", source).doesNotContain("System.exit(");
        }
        assertThat(main.resolve("org/mipaaa/agent/sip")).doesNotExist();
        assertThat(main.resolve("org/mipaaa/agent/cli")).doesNotExist();
    }
}
