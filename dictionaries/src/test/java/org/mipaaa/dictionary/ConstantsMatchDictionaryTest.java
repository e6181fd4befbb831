package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The constant classes are "checked against the dictionary": each constant's name is the dictionary
 * name upper-cased with '-' as '_', its value the dictionary's code, and every AVP, command,
 * application and named value of the XML has its constant. A constant can therefore never drift
 * from what jDiameter reads.
 */
class ConstantsMatchDictionaryTest {

    private final Dictionary dictionary = Dictionary.bundled();

    static String constantName(String dictionaryName) {
        return dictionaryName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** public static final fields of one type, name to value. */
    static Map<String, Number> constants(Class<?> holder, Class<?> type) throws IllegalAccessException {
        Map<String, Number> values = new TreeMap<>();
        for (Field f : holder.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == type) {
                values.put(f.getName(), (Number) f.get(null));
            }
        }
        return values;
    }

    @Test
    void avpCodesAreTheStandardAvpsOfTheDictionary() throws Exception {
        Map<String, Number> expected = new TreeMap<>();
        dictionary.avps(0).forEach(a -> expected.put(constantName(a.name()), a.code()));
        assertThat(constants(AvpCodes.class, int.class)).isEqualTo(expected);
    }

    @Test
    void vendorAvpCodesAreTheVendorAvpsOfTheDictionary() throws Exception {
        Map<String, Number> expected = new TreeMap<>();
        dictionary.avps(VendorIds.MIP_AAA_DEFAULT).forEach(a -> expected.put(constantName(a.name()), a.code()));
        assertThat(expected).hasSize(21);
        assertThat(constants(VendorAvpCodes.class, int.class)).isEqualTo(expected);
        assertThat(dictionary.avps()).allSatisfy(a -> assertThat(a.vendorId()).isIn(0L, VendorIds.MIP_AAA_DEFAULT));
    }

    @Test
    void commandCodesAreTheCommandsOfTheDictionary() throws Exception {
        Map<String, Number> expected = new TreeMap<>();
        for (CommandDefinition c : dictionary.commands()) {
            String base = c.name().replaceFirst("-(Request|Answer)$", "");
            Number previous = expected.put(constantName(base), c.code());
            assertThat(previous).as(base).isIn(null, c.code());
        }
        assertThat(constants(CommandCodes.class, int.class)).isEqualTo(expected);
    }

    @Test
    void applicationIdsAreTheApplicationsOfTheDictionary() throws Exception {
        Map<String, Number> expected = new TreeMap<>();
        dictionary.applications().forEach(a -> expected.put(constantName(a.name()), a.id()));
        assertThat(constants(ApplicationIds.class, long.class)).isEqualTo(expected);
    }

    @Test
    void enumerationsAreTheNamedValuesOfTheDictionary() throws Exception {
        Map<String, Number> expected = new TreeMap<>();
        for (AvpDefinition a : dictionary.avps()) {
            if (a.code() == AvpCodes.RESULT_CODE && a.vendorId() == 0) {
                continue; // ResultCodes
            }
            a.enumValues().forEach((value, name) -> expected.put(constantName(a.name() + "-" + name), value.intValue()));
        }
        assertThat(constants(Enumerations.class, int.class)).isEqualTo(expected);
        assertThat(Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT).isEqualTo(1);
        assertThat(Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED).isEqualTo(1);
        assertThat(Enumerations.REQUESTED_ACTION_PRICE_ENQUIRY).isEqualTo(3);
    }

    @Test
    void resultCodesAreTheNamedResultCodeValuesOfTheDictionary() throws Exception {
        Map<String, Number> expected = new TreeMap<>();
        AvpDefinition resultCode = dictionary.avp(AvpCodes.RESULT_CODE, 0).orElseThrow();
        resultCode.enumValues().forEach((value, name) -> {
            expected.put(name.replaceFirst("^DIAMETER_", ""), value.intValue());
            assertThat(ResultCodes.name(value.intValue())).isEqualTo(name);
        });
        assertThat(constants(ResultCodes.class, int.class)).isEqualTo(expected);
    }

    @Test
    void defaultVendorIdIsTheCodeOfTheVendorSymbol() {
        VendorDefinition ours = dictionary.vendors().stream()
                .filter(v -> v.symbol().equals(Dictionary.VENDOR_SYMBOL)).findFirst().orElseThrow();
        assertThat(ours.code()).isEqualTo(VendorIds.MIP_AAA_DEFAULT).isEqualTo(32473L);
        assertThat(dictionary.application(ApplicationIds.MIP_ACCOUNTING_SERVICES).orElseThrow().vendorId())
                .isEqualTo(VendorIds.MIP_AAA_DEFAULT);
    }

    @Test
    void constantClassesCannotBeInstantiated() {
        for (Class<?> c : new Class<?>[] {AvpCodes.class, VendorAvpCodes.class, CommandCodes.class, ApplicationIds.class,
                VendorIds.class, ResultCodes.class, VendorResultCodes.class, Enumerations.class}) {
            assertThat(Modifier.isFinal(c.getModifiers())).as(c.getSimpleName()).isTrue();
            assertThat(c.getDeclaredConstructors()).as(c.getSimpleName())
                    .allSatisfy(k -> assertThat(Modifier.isPrivate(k.getModifiers())).isTrue());
        }
    }
}
