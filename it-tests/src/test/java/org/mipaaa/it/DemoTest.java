package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mipaaa.demo.Demo;

/**
 * The README's first command (`exec:java -Dexec.args=demo`) as a test: every step of the embedded demo,
 * its refusal probes included, must come out as the demo expects, so a change to the nodes cannot leave
 * the demo a new user runs first broken while every other test passes.
 */
class DemoTest {

    @Test
    void theEmbeddedDemoFinishesWithEveryStepAsExpected() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean asExpected;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            asExpected = new Demo(TopologyFixture.configRoot(), out, null).run();
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(asExpected).as("the demo's output:%n%s", output).isTrue();
        assertThat(output).contains("Demo finished: every step as expected.").doesNotContain("[UNEXPECTED]");
    }
}
