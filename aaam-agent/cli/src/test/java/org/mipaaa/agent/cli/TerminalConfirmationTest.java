package org.mipaaa.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.ConfirmationCallback.Decision;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.agent.services.SettlementProposal;

class TerminalConfirmationTest {

    private static final SettlementProposal PROPOSAL = new SettlementProposal("aaah.home.example;s;1",
            new PurchaseInfo("shop@shop.example", "A-1001", List.of("2 x coffee", "1 x cake"), new Amount(new BigDecimal("12.40"), 978),
                    Optional.empty(), Optional.empty()), SettlementMode.DEBIT_PAYEE_ACCOUNT);

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    private Decision answer(String typed, boolean assumeYes) {
        return new TerminalConfirmation(new BufferedReader(new StringReader(typed)), new PrintStream(shown, true, StandardCharsets.UTF_8),
                assumeYes).confirm(PROPOSAL);
    }

    @Test
    void showsAmountPayeeAndGoodsAndPaysOnY() {
        assertThat(answer("y\n", false)).isEqualTo(Decision.OK);
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("amount: 12.40 EUR").contains("payee:  shop@shop.example (order A-1001)")
                .contains("goods:  2 x coffee").contains("goods:  1 x cake").contains("Pay? [y/n]");
    }

    @Test
    void anythingButYesOrTheEndOfInputCancels() {
        assertThat(answer("n\n", false)).isEqualTo(Decision.CANCEL);
        assertThat(answer("maybe\n", false)).isEqualTo(Decision.CANCEL);
        assertThat(answer("", false)).isEqualTo(Decision.CANCEL);
    }

    @Test
    void withYesItPaysWithoutReading() {
        assertThat(answer("n\n", true)).isEqualTo(Decision.OK);
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("amount: 12.40 EUR").contains("(--yes)");
    }
}
