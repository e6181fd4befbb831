package org.mipaaa.agent.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.fuzz.Fuzzing;

/**
 * Fuzz target (docs/FUZZING.md): the SIP parser on any datagram a peer could send the caller or the
 * callee: a message whose every line can be copied into another message without adding a header, or a
 * {@link MalformedSipException}.
 */
public class SipMessageFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseRefusesOrYieldsLinesThatCannotInjectHeaders(byte[] datagram) throws Exception {
        check(datagram);
    }

    /** The properties, for this target and for {@link org.mipaaa.fuzz.AgentParsersFuzzTest}. */
    public static void check(byte[] datagram) throws Exception {
        Optional<SipMessage> parsed = Fuzzing.parse(MalformedSipException.class, () -> SipMessage.parse(datagram, datagram.length));
        if (parsed.isEmpty()) {
            return;
        }
        SipMessage m = parsed.get();
        assertThat(SipText.isHeaderValue(m.startLine())).isTrue();
        for (String name : new String[] {"Via", "From", "To", "Call-ID", "CSeq", "Contact", "X-MipAaa-Confirmation-Id", "Content-Length"}) {
            for (String value : m.headers(name)) {
                assertThat(SipText.isHeaderValue(value)).as("%s: %s", name, value).isTrue();
            }
        }
        m.header("Contact").ifPresent(contact -> assertThat(SipMessage.uri(contact).length()).isLessThanOrEqualTo(contact.length()));
        m.method();
        m.cseqMethod();
        if (m.isResponse()) {
            Fuzzing.parse(MalformedSipException.class, m::status).ifPresent(s -> assertThat(s).isBetween(100, 699));
        }
    }
}
