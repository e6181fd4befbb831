package org.mipaaa.dictionary;

import static org.mipaaa.dictionary.Xml.attr;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a {@link Dictionary} in jDiameter's dictionary format, so a node can give jDiameter's
 * DictionarySingleton the dictionary with its carrier's Vendor-Id and Application-Id. Follows the
 * rules documented in the bundled file: every type has a typedefn, every command AVP carries its
 * numeric code and vendor, multiplicities are jDiameter's.
 */
final class JDiameterXmlWriter {

    private JDiameterXmlWriter() {
    }

    static String write(Dictionary d) {
        VendorSettings s = d.vendorSettings();
        String comment = "<!-- Written by org.mipaaa.dictionary.Dictionary.toJDiameterXml() for Vendor-Id " + s.vendorId()
                + " and MIP-Accounting-Services Application-Id " + s.accountingServicesApplicationId()
                + ".\n     Source of truth: org/mipaaa/dictionary/jdiameter-dictionary.xml (Apache-2.0). -->\n";
        EnumSet<AvpType> types = EnumSet.allOf(AvpType.class);
        return write(comment, types, d.vendors(), d.avps(), d.applications(), d::commands);
    }

    static String write(DictionaryFragment f) {
        VendorSettings s = f.vendorSettings();
        String comment = "<!-- mip-aaa dictionary FRAGMENT, written by org.mipaaa.dictionary.DictionaryFragment for Vendor-Id "
                + s.vendorId() + "\n     and MIP-Accounting-Services Application-Id " + s.accountingServicesApplicationId()
                + ". Source of truth: org/mipaaa/dictionary/jdiameter-dictionary.xml (Apache-2.0).\n"
                + "     Our applications, their AVPs and our vendor WITHOUT the RFC 6733 base protocol: not a dictionary of\n"
                + "     its own (its commands refer to base AVPs by code). Merge it into a carrier's dictionary with\n"
                + "     org.mipaaa.dictionary.merge.MergeDictionary (docs/DICTIONARIES.md). -->\n";
        EnumSet<AvpType> types = EnumSet.noneOf(AvpType.class);
        for (AvpDefinition a : f.avps()) {
            for (AvpType t = a.type(); t != null; t = t.jdiameterParent().flatMap(AvpType::fromJDiameterName).orElse(null)) {
                types.add(t);
            }
        }
        return write(comment, types, f.vendors(), f.avps(), f.applications(), f::commands);
    }

    private static String write(String comment, Set<AvpType> types, List<VendorDefinition> vendors,
            Collection<AvpDefinition> avps, List<ApplicationDefinition> applications,
            Function<Long, List<CommandDefinition>> commandsOf) {
        StringBuilder b = new StringBuilder(128 * 1024);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(comment).append("<dictionary>\n");
        for (AvpType t : types) {
            if (t == AvpType.GROUPED) {
                continue;
            }
            b.append("  <typedefn type-name=\"").append(t.jdiameterName()).append('"');
            t.jdiameterParent().ifPresent(p -> b.append(" type-parent=\"").append(p).append('"'));
            b.append("/>\n");
        }
        Map<Long, String> symbols = new HashMap<>();
        for (VendorDefinition v : vendors) {
            symbols.putIfAbsent(v.code(), v.symbol());
            b.append("  <vendor vendor-id=\"").append(attr(v.symbol())).append("\" code=\"").append(v.code())
                    .append("\" name=\"").append(attr(v.name())).append("\"/>\n");
        }
        for (AvpDefinition a : avps) {
            writeAvp(b, a, symbols);
        }
        for (ApplicationDefinition app : applications) {
            b.append("  <application id=\"").append(app.id()).append("\" name=\"").append(attr(app.name())).append('"');
            if (app.vendorId() != 0) {
                b.append(" vendor-id=\"").append(attr(symbol(symbols, app.vendorId(), app.name()))).append('"');
            }
            b.append(">\n");
            for (CommandDefinition c : commandsOf.apply(app.id())) {
                writeCommand(b, c);
            }
            b.append("  </application>\n");
        }
        return b.append("</dictionary>\n").toString();
    }

    private static void writeAvp(StringBuilder b, AvpDefinition a, Map<Long, String> symbols) {
        b.append("  <avpdefn name=\"").append(attr(a.name())).append("\" code=\"").append(a.code()).append('"');
        if (a.vendorId() != 0) {
            b.append(" vendor-id=\"").append(attr(symbol(symbols, a.vendorId(), a.name()))).append('"');
        }
        b.append(" mandatory=\"").append(a.mandatory().xmlToken())
                .append("\" protected=\"").append(a.protectedBit().xmlToken())
                .append("\" may-encrypt=\"").append(a.mayEncrypt() ? "yes" : "no")
                .append("\" vendor-bit=\"").append(a.vendorBit().xmlToken()).append("\">\n");
        if (a.isGrouped()) {
            b.append("    <grouped>\n");
            for (AvpRule r : a.groupedRules()) {
                b.append("      <avp name=\"").append(attr(r.avpName())).append("\" multiplicity=\"")
                        .append(r.multiplicity()).append('"');
                if (r.fixedPosition()) {
                    b.append(" index=\"0\"");
                }
                b.append("/>\n");
            }
            b.append("    </grouped>\n");
        } else if (a.enumValues().isEmpty()) {
            b.append("    <type type-name=\"").append(a.type().jdiameterName()).append("\"/>\n");
        } else {
            b.append("    <type type-name=\"").append(a.type().jdiameterName()).append("\">\n");
            a.enumValues().forEach((value, name) -> b.append("      <enum code=\"").append(value).append("\" name=\"")
                    .append(attr(name)).append("\"/>\n"));
            b.append("    </type>\n");
        }
        b.append("  </avpdefn>\n");
    }

    private static void writeCommand(StringBuilder b, CommandDefinition c) {
        b.append("    <command name=\"").append(attr(c.name())).append("\" code=\"").append(c.code())
                .append("\" request=\"").append(c.request()).append('"');
        if (c.abbreviation() != null) {
            b.append(" abbreviation=\"").append(attr(c.abbreviation())).append('"');
        }
        b.append(" proxiable=\"").append(c.proxiable()).append("\">\n");
        for (AvpRule r : c.rules()) {
            b.append("      <avp name=\"").append(attr(r.avpName())).append("\" code=\"").append(r.code())
                    .append("\" vendor=\"").append(r.vendorId()).append("\" multiplicity=\"").append(r.multiplicity())
                    .append("\" index=\"").append(r.fixedPosition() ? 0 : -1).append("\"/>\n");
        }
        b.append("    </command>\n");
    }

    private static String symbol(Map<Long, String> symbols, long vendorId, String user) {
        String s = symbols.get(vendorId);
        if (s == null) {
            throw new IllegalStateException(user + " uses Vendor-Id " + vendorId + ", which no <vendor> declares");
        }
        return s;
    }
}
