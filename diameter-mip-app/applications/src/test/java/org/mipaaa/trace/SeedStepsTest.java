package org.mipaaa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.role.Role;

class SeedStepsTest {

    @Test
    void theSameCommandIsADifferentStepOnEachHop() {
        assertThat(SeedSteps.of(Role.FA, Role.AAAF, CommandCodes.AA_MOBILE_NODE, true)).isEqualTo("S103");
        assertThat(SeedSteps.of(Role.AAAF, Role.AAAH, CommandCodes.AA_MOBILE_NODE, true)).isEqualTo("S104");
        assertThat(SeedSteps.of(Role.AAAH, Role.HA, CommandCodes.HOME_AGENT_MIP, true)).isEqualTo("S105");
        assertThat(SeedSteps.of(Role.AAAH, Role.AAAY, CommandCodes.PURCHASE_INFORMATION, true)).isEqualTo("S202");
        assertThat(SeedSteps.of(Role.AAAY, Role.AAAH, CommandCodes.PURCHASE_INFORMATION, false)).isEqualTo("S205");
    }

    @Test
    void aTerminalWithTheAaaFunctionGetsThePaymentRequestInPlaceOfTheNotice() {
        assertThat(SeedSteps.of(Role.AAAH, Role.TERMINAL, CommandCodes.SETTLEMENT, true)).isEqualTo("S208");
        assertThat(SeedSteps.of(Role.TERMINAL, Role.AAAH, CommandCodes.SETTLEMENT, false)).isEqualTo("S210");
        assertThat(SeedSteps.of(Role.AAAH, Role.AAAY, CommandCodes.PAYMENT_NOTIFICATION, true)).isEqualTo("S208");
        assertThat(SeedSteps.of(Role.AAAY, Role.TERMINAL, CommandCodes.SETTLEMENT, true)).as("no step sends a SER there").isNull();
    }

    @Test
    void aMessageOnAHopNoStepUsesIsNoStep() {
        assertThat(SeedSteps.of(Role.HA, Role.AAAH, CommandCodes.PURCHASE_INFORMATION, false)).isNull();
        assertThat(SeedSteps.of(Role.TERMINAL, Role.AAAY, CommandCodes.PURCHASE_INFORMATION, true)).isNull();
        assertThat(SeedSteps.of(Role.AAAF, Role.AAAH, CommandCodes.CAPABILITIES_EXCHANGE, true)).isNull();
        assertThat(SeedSteps.of(null, Role.AAAH, CommandCodes.AA_MOBILE_NODE, true)).isNull();
    }
}
