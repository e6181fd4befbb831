package org.mipaaa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void aNodeThatCannotStartSaysWhyInOneLine(@TempDir Path empty) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));

        assertThat(cli.execute("node", "--role", "AAAH", "--config", empty.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("mip-aaa node: " + empty.resolve("node.properties")
                + " is missing: a role's configuration directory holds node.properties and jdiameter.xml (see config/)");
    }

    @Test
    void configCheckListsEveryProblemAndFailsOnAny(@TempDir Path dir) throws Exception {
        Path aaah = Files.createDirectories(dir.resolve("aaah"));
        Files.writeString(aaah.resolve("node.properties"), "role=AAAH\nhandler.thread=8\n");
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out));

        assertThat(cli.execute("config", "check", aaah.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(aaah.resolve("node.properties") + ": unknown key 'handler.thread' (did you mean 'handler.threads'?)",
                aaah.resolve("jdiameter.xml") + ": missing");
    }
}
