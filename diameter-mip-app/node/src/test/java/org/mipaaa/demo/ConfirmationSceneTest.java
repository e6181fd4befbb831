package org.mipaaa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The demo's section 6 on its own (it needs no DIAMETER node): one OK and call, one NG and no call. */
class ConfirmationSceneTest {

    @Test
    void oneConfirmationSucceedsWithACallAndOneFailsWithoutAnInvite() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        boolean asExpected = new ConfirmationScene(out).play();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(asExpected).as(printed).isTrue();
        assertThat(printed).contains("Fig. 22A").contains("signature verified").contains("answered 200, BYE answered 200")
                .contains("Fig. 22B").contains("no call placed: refused by the terminal at the address: HOST_NAME_MISMATCH")
                .contains("INVITEs at the old address: 0").doesNotContain("UNEXPECTED");
    }
}
