package org.mipaaa.dictionary.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.mipaaa.dictionary.ApplicationDefinition;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.AvpType;
import org.mipaaa.dictionary.BaseProtocol;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFragment;
import org.mipaaa.dictionary.FlagRule;
import org.mipaaa.dictionary.VendorDefinition;
import org.mipaaa.dictionary.VendorIds;

/**
 * Our dictionary as Erlang/OTP {@code diameter} dictionary files ({@code .dia}, compiled by
 * {@code diameterc}; format: the diameter_dict manual page). Three files, because a .dia file holds
 * at most one application and an AVP is defined in one file only:
 * <ul>
 * <li>{@code <prefix>_avps.dia}: the standard AVPs beyond RFC 6733 we use (RFC 4004 MIP-*, the
 * accounting AVPs, RFC 4006's money AVPs, RFC 5778's MIP-MN-HA-SPI); no application;</li>
 * <li>{@code <prefix>_mipv4.dia}: the Mobile IPv4 application (2): AMR/AMA, HAR/HAA, ACR/ACA;</li>
 * <li>{@code <prefix>_services.dia}: MIP-Accounting-Services with our vendor's AVPs, under the
 * carrier's Vendor-Id and Application-Id.</li>
 * </ul>
 * The RFC 6733 base comes from OTP's own {@code diameter_gen_base_rfc6733}, which names its AVPs as
 * we do. Each file inherits exactly the AVPs it uses, from the base and from {@code <prefix>_avps}, so
 * compile {@code <prefix>_avps} first and give diameterc its directory ({@code -i}). Messages are named
 * by their abbreviations (AMR, PIR, ...). Every message and grouped AVP ends in {@code * [ AVP ]}: the
 * jDiameter format the model is read from cannot say which do not, and a receiver that accepts more is
 * the one that interoperates. Named values of Enumerated AVPs become {@code @enum}, those of Unsigned32
 * ones (MIP-Feature-Vector's bits) {@code @define}.
 */
@org.mipaaa.dictionary.CarrierTool
public final class ErlangDiaWriter {

    /** Default module prefix: mip_aaa_avps, mip_aaa_mipv4, mip_aaa_services. */
    public static final String DEFAULT_PREFIX = "mip_aaa";

    /** OTP's RFC 6733 common dictionary, which defines the base AVPs. */
    static final String BASE_MODULE = "diameter_gen_base_rfc6733";

    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9_]{0,60}");

    private final String prefix;

    /** A writer with the default prefix. */
    public ErlangDiaWriter() {
        this(DEFAULT_PREFIX);
    }

    /**
     * A writer whose modules are called {@code <prefix>_avps} and so on.
     *
     * @throws IllegalArgumentException when {@code prefix} is not a plain Erlang atom
     */
    public ErlangDiaWriter(String prefix) {
        if (!MODULE.matcher(Objects.requireNonNull(prefix, "prefix")).matches()) {
            throw new IllegalArgumentException("prefix must be a lower-case Erlang atom ([a-z][a-z0-9_]*), not '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    /** The module name of the standard AVPs' file. */
    public String avpsModule() {
        return prefix + "_avps";
    }

    /**
     * The .dia files for {@code d}'s fragment, with its vendor settings: file name (module + ".dia") to
     * content, in the order diameterc must compile them.
     */
    public Map<String, String> write(Dictionary d) {
        DictionaryFragment f = d.fragment();
        Map<String, AvpDefinition> standard = new LinkedHashMap<>();
        f.avps().stream().filter(a -> a.vendorId() == VendorIds.IETF).forEach(a -> standard.put(a.name(), a));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(avpsModule() + ".dia", avpsFile(d, f, standard.values()));
        for (ApplicationDefinition app : f.applications()) {
            String module = prefix + "_" + (app.isVendorSpecific() ? "services" : "mipv4");
            files.put(module + ".dia", applicationFile(d, f, app, module, standard));
        }
        return files;
    }

    private String avpsFile(Dictionary d, DictionaryFragment f, Collection<AvpDefinition> avps) {
        StringBuilder b = header(f, avpsModule(), "the standard AVPs beyond RFC 6733 that mip-aaa uses; no application");
        b.append("@name   ").append(avpsModule()).append('\n')
                .append("@prefix ").append(avpsModule()).append("\n\n");
        inherits(b, BASE_MODULE, referenced(d, avps, List.of()), a -> BaseProtocol.isBaseAvp(a));
        definitions(b, avps);
        return b.toString();
    }

    private String applicationFile(Dictionary d, DictionaryFragment f, ApplicationDefinition app, String module,
            Map<String, AvpDefinition> standard) {
        StringBuilder b = header(f, module, "application " + app.id() + " " + app.name());
        b.append("@id     ").append(app.id()).append('\n')
                .append("@name   ").append(module).append('\n')
                .append("@prefix ").append(module).append('\n');
        List<AvpDefinition> own = new ArrayList<>();
        if (app.isVendorSpecific()) {
            VendorDefinition v = f.vendors().stream().filter(x -> x.code() == app.vendorId()).findFirst().orElseThrow();
            b.append("@vendor ").append(v.code()).append(' ').append(token(v.name())).append('\n');
            f.avps().stream().filter(a -> a.vendorId() == app.vendorId()).forEach(own::add);
        }
        b.append('\n');
        List<CommandDefinition> commands = f.commands(app.id());
        List<AvpDefinition> used = referenced(d, own, commands);
        inherits(b, BASE_MODULE, used, BaseProtocol::isBaseAvp);
        inherits(b, avpsModule(), used, a -> standard.containsKey(a.name()));
        definitions(b, own);
        b.append("@messages\n\n");
        for (CommandDefinition c : commands) {
            b.append("   ").append(messageName(c)).append(" ::= < Diameter Header: ").append(c.code())
                    .append(c.request() ? ", REQ" : "").append(c.proxiable() ? ", PXY" : "").append(" >\n");
            rules(b, c.rules(), "      ");
            b.append('\n');
        }
        return b.toString();
    }

    private static StringBuilder header(DictionaryFragment f, String module, String what) {
        StringBuilder b = new StringBuilder(16 * 1024);
        b.append(";; ").append(module).append(".dia: ").append(what).append(".\n")
                .append(";; mip-aaa dictionary for Erlang/OTP diameter (diameterc), Vendor-Id ")
                .append(f.vendorSettings().vendorId()).append(", MIP-Accounting-Services Application-Id ")
                .append(f.vendorSettings().accountingServicesApplicationId()).append(".\n")
                .append(";; Written by org.mipaaa.dictionary.export.ErlangDiaWriter from jdiameter-dictionary.xml (Apache-2.0).\n")
                .append(";; See docs/DICTIONARIES.md.\n\n");
        return b;
    }

    /**
     * The AVPs {@code avps}' members and {@code commands}' rules refer to that {@code avps} does not define,
     * with the members of those that are grouped: a dictionary encodes an inherited grouped AVP's members
     * with its own AVP table, so it must inherit them too.
     */
    private static List<AvpDefinition> referenced(Dictionary d, Collection<AvpDefinition> avps, List<CommandDefinition> commands) {
        Set<String> defined = new LinkedHashSet<>();
        avps.forEach(a -> defined.add(a.name()));
        Map<String, AvpDefinition> used = new LinkedHashMap<>();
        List<AvpRule> rules = new ArrayList<>();
        avps.forEach(a -> rules.addAll(a.groupedRules()));
        commands.forEach(c -> rules.addAll(c.rules()));
        for (int i = 0; i < rules.size(); i++) {
            AvpRule r = rules.get(i);
            if (!defined.contains(r.avpName()) && !used.containsKey(r.avpName())) {
                AvpDefinition a = d.avp(r.code(), r.vendorId()).orElseThrow();
                used.put(a.name(), a);
                rules.addAll(a.groupedRules());
            }
        }
        return new ArrayList<>(used.values());
    }

    private static void inherits(StringBuilder b, String module, List<AvpDefinition> used,
            Predicate<AvpDefinition> from) {
        List<AvpDefinition> list = used.stream().filter(from).collect(java.util.stream.Collectors.toUnmodifiableList());
        if (list.isEmpty()) {
            return;
        }
        b.append("@inherits ").append(module).append("\n\n");
        list.forEach(a -> b.append("   ").append(a.name()).append('\n'));
        b.append('\n');
    }

    /** @avp_types, @grouped, @enum and @define of {@code avps}. */
    private static void definitions(StringBuilder b, Collection<AvpDefinition> avps) {
        if (avps.isEmpty()) {
            return;
        }
        int width = avps.stream().mapToInt(a -> a.name().length()).max().orElse(0) + 2;
        b.append("@avp_types\n\n");
        for (AvpDefinition a : avps) {
            b.append("   ").append(pad(a.name(), width)).append(pad(Integer.toString(a.code()), 6))
                    .append(pad(diaType(a.type()), 18)).append(flags(a)).append('\n');
        }
        b.append('\n');
        List<AvpDefinition> grouped = avps.stream().filter(AvpDefinition::isGrouped).collect(java.util.stream.Collectors.toUnmodifiableList());
        if (!grouped.isEmpty()) {
            b.append("@grouped\n\n");
            for (AvpDefinition g : grouped) {
                b.append("   ").append(g.name()).append(" ::= < AVP Header: ").append(g.code()).append(" >\n");
                rules(b, g.groupedRules(), "      ");
                b.append('\n');
            }
        }
        for (AvpDefinition a : avps) {
            if (a.enumValues().isEmpty()) {
                continue;
            }
            b.append(a.type() == AvpType.ENUMERATED ? "@enum " : "@define ").append(a.name()).append("\n\n");
            a.enumValues().forEach((value, name) -> b.append("   ").append(pad(token(name), 44)).append(value).append('\n'));
            b.append('\n');
        }
    }

    /**
     * A CCF in diameter_dict's syntax, ending in {@code * [ AVP ]}. diameterc wants the fixed AVPs first,
     * then the required, then the optional ones (RFC 6733 3.2 does not, and our CCFs follow the RFCs'
     * order): the order within each kind is kept.
     */
    private static void rules(StringBuilder b, List<AvpRule> ccf, String indent) {
        List<AvpRule> rules = new ArrayList<>();
        ccf.stream().filter(AvpRule::fixedPosition).forEach(rules::add);
        ccf.stream().filter(r -> !r.fixedPosition() && r.required()).forEach(rules::add);
        ccf.stream().filter(r -> !r.fixedPosition() && !r.required()).forEach(rules::add);
        for (AvpRule r : rules) {
            String abnf = r.abnf();
            // the qualifier stands in front of the brackets, right-aligned as in the RFCs
            int bracket = Math.max(abnf.indexOf('{'), Math.max(abnf.indexOf('['), abnf.indexOf('<')));
            String qualifier = bracket > 0 ? abnf.substring(0, bracket).trim() : "";
            String body = bracket > 0 ? abnf.substring(bracket) : abnf;
            b.append(indent).append(pad("", 4 - qualifier.length())).append(qualifier).append(qualifier.isEmpty() ? "" : " ")
                    .append(body).append('\n');
        }
        b.append(indent).append("   * [ AVP ]\n");
    }

    /** The message's record name: its abbreviation (AMR, PIR...), else its name. */
    static String messageName(CommandDefinition c) {
        return c.abbreviation() != null ? c.abbreviation() : c.name();
    }

    private static String diaType(AvpType t) {
        switch (t) {
            case DIAMETER_IDENTITY:
                return "DiamIdent";
            case DIAMETER_URI:
                return "DiamURI";
            default:
                return t.jdiameterName();
        }
    }

    /** The flags set on an outgoing AVP: M and P when the rule is "must", V for a vendor AVP; "-" for none. */
    private static String flags(AvpDefinition a) {
        String f = (a.isVendorSpecific() || a.vendorBit() == FlagRule.MUST ? "V" : "")
                + (a.mandatory() == FlagRule.MUST ? "M" : "") + (a.protectedBit() == FlagRule.MUST ? "P" : "");
        return f.isEmpty() ? "-" : f;
    }

    /** A name as a dictionary token: letters, digits, '-' and '_'. */
    private static String token(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
