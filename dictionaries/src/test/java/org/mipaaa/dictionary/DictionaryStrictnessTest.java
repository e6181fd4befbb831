package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Where jDiameter would silently drop or misread a definition, the model refuses the file, so a
 * broken dictionary fails the build instead of disabling validation at run time.
 */
class DictionaryStrictnessTest {

    private static final String HEAD = """
            <dictionary>
              <typedefn type-name="Unsigned32"/>
              <typedefn type-name="UTF8String" type-parent="OctetString"/>
              <typedefn type-name="OctetString"/>
              <typedefn type-name="Enumerated" type-parent="Integer32"/>
              <typedefn type-name="Integer32"/>
              <vendor vendor-id="None" code="0" name="None"/>
              <vendor vendor-id="MIPAAA" code="32473" name="MIP-AAA"/>
              <avpdefn name="Session-Id" code="263" mandatory="must" vendor-bit="mustnot"><type type-name="UTF8String"/></avpdefn>
            """;

    private static Dictionary load(String body) {
        String xml = HEAD + body + "</dictionary>";
        return Dictionary.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), VendorSettings.defaults());
    }

    @Test
    void aMinimalValidFileLoads() {
        Dictionary d = load("""
                <avpdefn name="Payee-Id" code="1" vendor-id="MIPAAA" mandatory="must" vendor-bit="must"><type type-name="UTF8String"/></avpdefn>
                <avpdefn name="Mode" code="5" vendor-id="MIPAAA" vendor-bit="must"><type type-name="Enumerated"><enum code="1" name="A"/></type></avpdefn>
                <avpdefn name="Info" code="4" vendor-id="MIPAAA" vendor-bit="must"><grouped><avp name="Payee-Id" multiplicity="1"/></grouped></avpdefn>
                <application id="1296629761" name="X" vendor-id="MIPAAA">
                  <command name="X-Request" code="8408321" request="true">
                    <avp name="Session-Id" code="263" vendor="0" multiplicity="1" index="0"/>
                    <avp name="Info" code="4" vendor="32473" multiplicity="0+"/>
                  </command>
                </application>
                """);
        assertThat(d.avp("Info").orElseThrow().groupedRules()).containsExactly(new AvpRule("Payee-Id", 1, 32473, 1, 1, false));
        assertThat(d.avp("Mode").orElseThrow().mandatory()).as("jDiameter's default").isEqualTo(FlagRule.MAY);
        assertThat(d.avp("Mode").orElseThrow().enumName(1)).hasValue("A");
        CommandDefinition c = d.command(1296629761L, 8408321, true).orElseThrow();
        assertThat(c.abbreviation()).isNull();
        assertThat(c.proxiable()).isFalse();
        assertThat(c.rules().get(0).fixedPosition()).isTrue();
    }

    @Test
    void undefinedGroupedMember() {
        assertThatThrownBy(() -> load("""
                <avpdefn name="G" code="9"><grouped><avp name="Nope" multiplicity="1"/></grouped></avpdefn>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("Nope").hasMessageContaining("weak");
    }

    @Test
    void typeWithoutTypedefn() {
        assertThatThrownBy(() -> load("""
                <avpdefn name="T" code="9"><type type-name="Time"/></avpdefn>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("typedefn");
    }

    @Test
    void commandAvpWithoutVendorAttribute() {
        assertThatThrownBy(() -> load("""
                <application id="0" name="Base"><command name="X-Request" code="300" request="true">
                  <avp name="Session-Id" code="263" multiplicity="1"/>
                </command></application>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("'vendor'");
    }

    @Test
    void commandAvpThatIsNotDefinedOrHasAnotherName() {
        assertThatThrownBy(() -> load("""
                <application id="0" name="Base"><command name="X-Request" code="300" request="true">
                  <avp name="Result-Code" code="268" vendor="0" multiplicity="1"/>
                </command></application>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("not defined");
        assertThatThrownBy(() -> load("""
                <application id="0" name="Base"><command name="X-Request" code="300" request="true">
                  <avp name="Origin-Host" code="263" vendor="0" multiplicity="1"/>
                </command></application>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("is Session-Id");
    }

    @Test
    void multiplicityJDiameterCannotValidate() {
        assertThatThrownBy(() -> load("""
                <application id="0" name="Base"><command name="X-Request" code="300" request="true">
                  <avp name="Session-Id" code="263" vendor="0" multiplicity="2"/>
                </command></application>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("multiplicity");
    }

    @Test
    void duplicatesAndFlagContradictions() {
        assertThatThrownBy(() -> load("""
                <avpdefn name="Session-Id-Again" code="263"><type type-name="UTF8String"/></avpdefn>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> load("""
                <avpdefn name="Session-Id" code="264"><type type-name="UTF8String"/></avpdefn>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> load("""
                <avpdefn name="V" code="1" vendor-id="MIPAAA" vendor-bit="mustnot"><type type-name="UTF8String"/></avpdefn>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("V bit");
        assertThatThrownBy(() -> load("""
                <avpdefn name="V" code="1" vendor-id="Nobody" vendor-bit="must"><type type-name="UTF8String"/></avpdefn>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("Nobody");
        assertThatThrownBy(() -> load("""
                <avpdefn name="F" code="1" mandatory="always"><type type-name="UTF8String"/></avpdefn>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("always");
    }

    @Test
    void commandWithoutRequestAttributeAndNotWellFormedXml() {
        assertThatThrownBy(() -> load("""
                <application id="0" name="Base"><command name="X" code="300"/></application>
                """)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("request");
        assertThatThrownBy(() -> load("<avpdefn name=\"x\"")).isInstanceOf(DictionaryFormatException.class)
                .hasMessageContaining("well-formed");
    }

    @Test
    void doctypeIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE dictionary [<!ENTITY x SYSTEM \"file:/etc/passwd\">]><dictionary>&x;</dictionary>";
        assertThatThrownBy(() -> Dictionary.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                VendorSettings.defaults())).isInstanceOf(DictionaryFormatException.class);
    }
}
