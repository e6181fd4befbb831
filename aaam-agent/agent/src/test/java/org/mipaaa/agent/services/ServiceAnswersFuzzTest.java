package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.fuzz.Fuzzing;

/**
 * Fuzz target (docs/FUZZING.md): every reader of the accounting-services answers and of the AAAH's
 * User-Confirmation-Request (docs/PROTOCOL.md §4) on any decodable message: a typed result, or a
 * {@link MalformedMessageException}; what the result shows stays in proportion to the message (a
 * price's exponent included).
 */
public class ServiceAnswersFuzzTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final PurchaseInfo PAID = new PurchaseInfo("shop@shop.example", "A-1", List.of("tea"),
            new Amount(new BigDecimal("1.50"), 978), Optional.empty(), Optional.empty());

    @FuzzTest(maxDuration = "10s")
    void everyReaderReturnsATypedResultOrRefusesAsMalformed(byte[] octets) throws Exception {
        check(octets);
    }

    /** The properties, for this target and for {@link org.mipaaa.fuzz.AgentParsersFuzzTest}. */
    public static void check(byte[] octets) throws Exception {
        Optional<DiameterMessage> decoded = Fuzzing.parse(MalformedMessageException.class, () -> DiameterCodec.decode(octets));
        if (decoded.isEmpty()) {
            return;
        }
        DiameterMessage m = decoded.get();
        int n = octets.length;
        long code = ServiceAnswers.code(m, V);
        ServiceAnswers.mayBeUnsigned(m, code);
        Fuzzing.parse(MalformedMessageException.class, () -> ChargeQueryCodec.answer(m, V)).ifPresent(c -> Fuzzing.boundedText(c, n, 8));
        Fuzzing.parse(MalformedMessageException.class, () -> PurchaseInfoCodec.answer(m, V)).ifPresent(p -> Fuzzing.boundedText(p, n, 8));
        Fuzzing.parse(MalformedMessageException.class, () -> SettlementCodec.proposal(m, V)).ifPresent(p -> Fuzzing.boundedText(p, n, 8));
        Fuzzing.parse(MalformedMessageException.class, () -> SettlementCodec.settlement(m, PAID, SettlementMode.HOME_ONLY, V))
                .ifPresent(s -> Fuzzing.boundedText(s, n, 8));
        Fuzzing.parse(MalformedMessageException.class, () -> SettlementCodec.cancellation(m, "s-1", V)).ifPresent(c -> Fuzzing.boundedText(c, n, 8));
        Fuzzing.parse(MalformedMessageException.class, () -> CommitmentCodec.sponsored(m, "sp@ads.example", "ad-1", V))
                .ifPresent(s -> Fuzzing.boundedText(s, n, 8));
        Fuzzing.parse(MalformedMessageException.class, () -> CommitmentCodec.credit(m, "cc@credit.example", V))
                .ifPresent(c -> Fuzzing.boundedText(c, n, 8));
        for (ServiceException refusal : List.of(PurchaseInfoCodec.failure(m, code, V), SettlementCodec.failure(m, code, "Settlement"),
                CommitmentCodec.failure(m, code, "Credit-Communication"))) {
            assertThat(refusal.failure()).isNotNull();
            Fuzzing.boundedText(refusal.getMessage(), n, 2);
        }
        DiameterMessage uca = SettlementCodec.confirmationAnswer(m, VENDOR, "mn1.home.example", "home.example", "mn1@home.example",
                null, 5803);
        assertThat(uca.isRequest()).isFalse();
        assertThat(DiameterCodec.encode(uca).length).isLessThanOrEqualTo(octets.length + 512);
    }
}
