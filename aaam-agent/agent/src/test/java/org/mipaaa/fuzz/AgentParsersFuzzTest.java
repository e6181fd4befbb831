package org.mipaaa.fuzz;

import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.agent.confirmation.ConfirmationCodecFuzzTest;
import org.mipaaa.agent.diameter.DiameterCodecFuzzTest;
import org.mipaaa.agent.services.ServiceAnswersFuzzTest;
import org.mipaaa.agent.transport.AgentFramingFuzzTest;
import org.mipaaa.mobileip.RegistrationCodecFuzzTest;

/**
 * Every fuzz target of this module in one (the SIP parser's is in aaam-agent-sip) (docs/FUZZING.md): the first octet of an input picks the
 * target, the rest is its input. Jazzer fuzzes one {@code @FuzzTest} per JVM, and a JVM with Jazzer's
 * agent takes many seconds to start, so each {@code mvn verify} fuzzes this one target for a few seconds
 * (all parsers share them) instead of starting one JVM per target; the long runs (-Pfuzz) fuzz each
 * target on its own.
 */
public class AgentParsersFuzzTest {

    /** A target's properties on one input. */
    @FunctionalInterface
    interface Target {
        void check(byte[] input) throws Exception;
    }

    private static final List<Target> TARGETS = List.of(DiameterCodecFuzzTest::check, AgentFramingFuzzTest::check,
            RegistrationCodecFuzzTest::check, ConfirmationCodecFuzzTest::check, ServiceAnswersFuzzTest::check);

    @FuzzTest(maxDuration = "30s")
    void everyParserKeepsItsProperties(byte[] input) throws Exception {
        if (input.length == 0) {
            for (Target t : TARGETS) {
                t.check(input);
            }
            return;
        }
        TARGETS.get((input[0] & 0xFF) % TARGETS.size()).check(Arrays.copyOfRange(input, 1, input.length));
    }
}
