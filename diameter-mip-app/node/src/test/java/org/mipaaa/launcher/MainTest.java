package org.mipaaa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void versionIsTheBuildsNotALiteral() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out));

        assertThat(cli.execute("--version")).isZero();
        // the POM's version, written by resource filtering (0.1.0-SNAPSHOT while this is written)
        assertThat(out.toString().strip()).matches("mip-aaa \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
