package org.mipaaa.dictionary.export;

import static org.mipaaa.dictionary.export.ExportModel.attr;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.mipaaa.dictionary.ApplicationDefinition;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.AvpType;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFragment;
import org.mipaaa.dictionary.FlagRule;
import org.mipaaa.dictionary.VendorDefinition;
import org.mipaaa.dictionary.VendorIds;

/**
 * Our dictionary in the XML format freeDiameter's {@code dict_legacy_xml} extension reads (the format
 * of draft-frascone-xml-dictionary-00 as OpenDiameter used it): {@code <vendor id name>}, {@code
 * <application id name>} holding {@code <command name code pbit>} with {@code <requestrules>} /
 * {@code <answerrules>} of {@code <fixed>}, {@code <required>}, {@code <optional>} {@code <avprule name
 * maximum minimum>}, and {@code <avp name code mandatory vendor-id>} with {@code <type>}, {@code <enum>} or
 * {@code <grouped>}.
 *
 * <p>What freeDiameter 1.2.1 imposes, from the extension's source: only our {@link DictionaryFragment}
 * is written, because freeDiameter's core already defines the RFC 6733 base (types, the 49 AVPs, the
 * common and accounting commands) under the same names. Commands are global in freeDiameter (keyed by
 * code and R bit, not by application), so the Mobile IPv4 application's ACR/ACA, which is the base
 * Accounting-Request with RFC 4004's AVPs allowed, is not written: its rules would change every ACR.
 * Rules find AVPs by name, so a grouped AVP comes after its members. Enumerated values are accepted on
 * Enumerated AVPs only: 1.2.1 takes them on Unsigned32 AVPs too, later versions do not, so the named
 * bits of MIP-Feature-Vector and the like are left out and the file loads in both. (1.2.1 makes an
 * Enumerated AVP read by this extension an Unsigned32, where its core uses Integer32: the same four
 * octets for our non-negative values.) The extension ignores the P flag and may-encrypt; it checks M
 * only when "must". The AVPs of freeDiameter's own dictionary extensions a lab loads as well are left
 * out on request ({@link #write(Dictionary, Set)}, {@link FreeDiameterExtension}).
 */
@org.mipaaa.dictionary.CarrierTool
public final class FreeDiameterXmlWriter {

    /** Derived types freeDiameter's core declares itself (libfdcore/dict_base_proto.c). */
    private static final Set<AvpType> CORE_TYPES = Set.of(AvpType.ADDRESS, AvpType.TIME, AvpType.UTF8_STRING,
            AvpType.DIAMETER_IDENTITY, AvpType.DIAMETER_URI, AvpType.IP_FILTER_RULE);

    /** A writer; it has no settings of its own. */
    public FreeDiameterXmlWriter() {
        // stateless
    }

    /** The file for {@code d}'s fragment, with its vendor settings, for a freeDiameter with only its core dictionary. */
    public String write(Dictionary d) {
        return write(d, Set.of());
    }

    /**
     * The file for {@code d}'s fragment, for a freeDiameter that loads the extensions {@code alongside}
     * before it: the AVPs they define are left out (our rules refer to theirs by the same names).
     */
    public String write(Dictionary d, Set<FreeDiameterExtension> alongside) {
        DictionaryFragment f = d.fragment();
        Set<Integer> theirs = new TreeSet<>();
        alongside.forEach(e -> theirs.addAll(e.avpCodes()));
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- mip-aaa dictionary for freeDiameter's dict_legacy_xml extension, Vendor-Id ")
                .append(f.vendorSettings().vendorId()).append(", MIP-Accounting-Services Application-Id ")
                .append(f.vendorSettings().accountingServicesApplicationId()).append(".\n")
                .append("     Written by org.mipaaa.dictionary.export.FreeDiameterXmlWriter from jdiameter-dictionary.xml;\n")
                .append("     without the RFC 6733 base, which freeDiameter's core defines")
                .append(alongside.isEmpty() ? "" : ",\n     and without the AVPs of "
                        + alongside.stream().map(FreeDiameterExtension::extensionName).sorted().collect(java.util.stream.Collectors.toUnmodifiableList())
                        + ", which must be loaded before this file")
                .append(". docs/DICTIONARIES.md. -->\n")
                .append("<dictionary>\n");
        for (VendorDefinition v : f.vendors()) {
            b.append("  <vendor id=\"").append(v.code()).append("\" name=\"").append(attr(v.name())).append("\"/>\n");
        }
        boolean first = true;
        for (ApplicationDefinition app : f.applications()) {
            b.append("  <application id=\"").append(app.id()).append("\" name=\"").append(attr(app.name())).append("\">\n");
            // AVPs go with the first application that needs them: the standard ones with Mobile IPv4, ours with ours
            List<AvpDefinition> avps = ExportModel.membersFirst(f.avps().stream()
                    .filter(a -> first(app, f) ? a.vendorId() == VendorIds.IETF || a.vendorId() == app.vendorId()
                            : a.vendorId() == app.vendorId() && a.vendorId() != VendorIds.IETF)
                    .collect(java.util.stream.Collectors.toUnmodifiableList()));
            if (first) {
                writeTypedefs(b, f);
                first = false;
            }
            for (AvpDefinition a : avps) {
                if (a.vendorId() == VendorIds.IETF && theirs.contains(a.code())) {
                    b.append("    <!-- ").append(a.name()).append(" (").append(a.code())
                            .append("): defined by freeDiameter's ").append(definedBy(a.code(), alongside)).append(" -->\n");
                } else {
                    writeAvp(b, a);
                }
            }
            for (ExportModel.CommandPair p : ExportModel.pairs(f.commands(app.id()))) {
                if (ExportModel.BASE_COMMAND_CODES.contains(p.code())) {
                    b.append("    <!-- ").append(p.request().name()).append(" (").append(p.code())
                            .append("): freeDiameter's core command, not redefined -->\n");
                    continue;
                }
                writeCommand(b, p);
            }
            b.append("  </application>\n");
        }
        return b.append("</dictionary>\n").toString();
    }

    private static String definedBy(int code, Set<FreeDiameterExtension> alongside) {
        return String.join(", ", alongside.stream().filter(e -> e.avpCodes().contains(code))
                .map(FreeDiameterExtension::extensionName).sorted().collect(java.util.stream.Collectors.toUnmodifiableList()));
    }

    private static boolean first(ApplicationDefinition app, DictionaryFragment f) {
        return f.applications().get(0).equals(app);
    }

    private static void writeTypedefs(StringBuilder b, DictionaryFragment f) {
        f.avps().stream().map(AvpDefinition::type).distinct()
                .filter(t -> t.jdiameterParent().isPresent() && t != AvpType.ENUMERATED && !CORE_TYPES.contains(t))
                .forEach(t -> b.append("    <typedefn type-name=\"").append(t.jdiameterName())
                        .append("\" type-parent=\"OctetString\"/>\n"));
    }

    private static void writeAvp(StringBuilder b, AvpDefinition a) {
        b.append("    <avp name=\"").append(attr(a.name())).append("\" code=\"").append(a.code())
                .append("\" mandatory=\"").append(a.mandatory() == FlagRule.MUST ? "must" : "may").append('"');
        if (a.isVendorSpecific()) {
            b.append(" vendor-id=\"").append(a.vendorId()).append('"');
        }
        b.append(">\n");
        if (a.isGrouped()) {
            b.append("      <grouped>\n");
            writeRules(b, a.groupedRules(), "        ");
            b.append("      </grouped>\n");
        } else {
            b.append("      <type type-name=\"").append(a.type().jdiameterName()).append("\"/>\n");
            if (a.type() == AvpType.ENUMERATED) {
                a.enumValues().forEach((value, name) -> b.append("      <enum name=\"").append(attr(name))
                        .append("\" code=\"").append(value).append("\"/>\n"));
            } else if (!a.enumValues().isEmpty()) {
                b.append("      <!-- named values of this ").append(a.type().jdiameterName())
                        .append(" left out: dict_legacy_xml after 1.2.1 takes them on Enumerated AVPs only -->\n");
            }
        }
        b.append("    </avp>\n");
    }

    private static void writeCommand(StringBuilder b, ExportModel.CommandPair p) {
        b.append("    <command name=\"").append(attr(p.baseName())).append("\" code=\"").append(p.code())
                .append("\" pbit=\"").append(p.request().proxiable() ? 1 : 0).append("\">\n");
        for (CommandDefinition c : List.of(p.request(), p.answer())) {
            String tag = c.request() ? "requestrules" : "answerrules";
            b.append("      <").append(tag).append(">\n");
            writeRules(b, c.rules(), "        ");
            b.append("      </").append(tag).append(">\n");
        }
        b.append("    </command>\n");
    }

    /** The CCF as fixed, required and optional rules; an unbounded count has no maximum. */
    private static void writeRules(StringBuilder b, List<AvpRule> rules, String indent) {
        section(b, indent, "fixed", rules.stream().filter(AvpRule::fixedPosition).collect(java.util.stream.Collectors.toUnmodifiableList()), true);
        section(b, indent, "required", rules.stream().filter(r -> !r.fixedPosition() && r.required()).collect(java.util.stream.Collectors.toUnmodifiableList()), false);
        section(b, indent, "optional", rules.stream().filter(r -> !r.fixedPosition() && !r.required()).collect(java.util.stream.Collectors.toUnmodifiableList()), false);
    }

    private static void section(StringBuilder b, String indent, String tag, List<AvpRule> rules, boolean fixed) {
        if (rules.isEmpty()) {
            return;
        }
        b.append(indent).append('<').append(tag).append(">\n");
        for (AvpRule r : rules) {
            b.append(indent).append("  <avprule name=\"").append(attr(r.avpName())).append('"');
            if (fixed) {
                b.append(" position=\"first\"");
            }
            if (r.min() > 1) {
                b.append(" minimum=\"").append(r.min()).append('"');
            }
            if (r.max() != AvpRule.UNBOUNDED) {
                b.append(" maximum=\"").append(r.max()).append('"');
            }
            b.append("/>\n");
        }
        b.append(indent).append("</").append(tag).append(">\n");
    }
}
