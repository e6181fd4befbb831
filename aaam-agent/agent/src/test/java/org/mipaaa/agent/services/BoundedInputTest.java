package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.auth.FileReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;

/** Inputs the agent reads from a peer or from disk, each bounded (the issue 14 review). */
class BoundedInputTest {

    private static List<Avp> money(int exponent) {
        return List.of(Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(Avp.unsigned64(AvpCodes.VALUE_DIGITS, 0, 123),
                Avp.unsigned32(AvpCodes.EXPONENT, exponent))), Avp.unsigned32(AvpCodes.CURRENCY_CODE, 978));
    }

    @Test
    void aPriceWithAnExponentOfABillionIsMalformedNotABillionDigitsLong() throws Exception {
        // a shop (relayed by the AAAH, PIA S206) sends Exponent 2^31-1 or -2^31: Amount.toString, shown to the user,
        // would otherwise build a string of two billion digits
        for (int exponent : new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000_000, -39, 39}) {
            assertThatThrownBy(() -> Values.money(money(exponent))).as("exponent %d", exponent).isInstanceOf(MalformedMessageException.class);
        }
        assertThat(Values.money(money(-2)).toString()).isEqualTo("1.23 EUR");
        assertThat(Values.money(money(-38)).value().scale()).isEqualTo(38);
        assertThat(Values.money(money(38)).toString()).hasSizeLessThan(60);
    }

    @Test
    void aHugeReplayCounterFileIsRefusedWithoutBeingReadWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aaam.counters");
        Files.write(file, new byte[16 << 20]);
        assertThatThrownBy(() -> new FileReplayCounters(file)).isInstanceOf(java.io.IOException.class).hasMessageContaining("octets");
        Files.writeString(file, "123 456\n");
        assertThat(new FileReplayCounters(file).acceptIncoming(457)).isTrue();
    }
}
