package org.mipaaa.dictionary;

import static org.mipaaa.dictionary.Xml.attr;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the vendor-specific applications of a {@link Dictionary} (commands and the vendor's AVPs)
 * as a Wireshark diameter dictionary fragment: the XML external entity Wireshark includes from
 * {@code diameter/dictionary.xml} as {@code &Custom;}. A carrier with its own Vendor-Id uses it to
 * produce its own {@code Custom.xml}; for the default numbers the output equals the bundled
 * {@code wireshark-mip-aaa.xml} (a test checks it). Standard AVPs are left out: stock Wireshark knows them.
 *
 * <pre>
 * java -cp dictionaries.jar org.mipaaa.dictionary.WiresharkDictionaryWriter --vendor-id 65535 --application-id 16777300 &gt; Custom.xml
 * </pre>
 */
public final class WiresharkDictionaryWriter {

    /** A writer; it has no settings of its own. */
    public WiresharkDictionaryWriter() {
        // stateless
    }

    /** The Wireshark fragment for every vendor-specific application of {@code d}. */
    public String write(Dictionary d) {
        StringBuilder b = new StringBuilder(16 * 1024);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- Written by org.mipaaa.dictionary.WiresharkDictionaryWriter for Vendor-Id ")
                .append(d.vendorSettings().vendorId()).append(" and Application-Id ")
                .append(d.vendorSettings().accountingServicesApplicationId())
                .append(".\n     Install as diameter/Custom.xml (docs/WIRESHARK.md). -->\n");
        Map<Long, VendorDefinition> vendors = new LinkedHashMap<>();
        d.vendors().forEach(v -> vendors.putIfAbsent(v.code(), v));
        List<Long> written = new ArrayList<>();
        for (ApplicationDefinition app : d.applications()) {
            if (!app.isVendorSpecific()) {
                continue;
            }
            VendorDefinition v = vendors.get(app.vendorId());
            if (v == null) {
                throw new IllegalStateException("application " + app.name() + " has undeclared Vendor-Id " + app.vendorId());
            }
            if (!written.contains(v.code())) {
                b.append("<vendor vendor-id=\"").append(attr(v.symbol())).append("\" code=\"").append(v.code())
                        .append("\" name=\"").append(attr(v.name())).append("\"/>\n");
            }
            b.append("\n<application id=\"").append(app.id()).append("\" name=\"").append(attr(app.name())).append("\">\n");
            for (CommandDefinition c : d.commands(app.id())) {
                if (c.request()) {
                    b.append("\t<command name=\"").append(attr(baseName(c.name()))).append("\" code=\"").append(c.code())
                            .append("\" vendor-id=\"").append(attr(v.symbol())).append("\"/>\n");
                }
            }
            if (!written.contains(v.code())) {
                b.append('\n');
                for (AvpDefinition a : d.avps(v.code())) {
                    writeAvp(b, a, v.symbol());
                }
                written.add(v.code());
            }
            b.append("</application>\n");
        }
        return b.toString();
    }

    private static void writeAvp(StringBuilder b, AvpDefinition a, String vendorSymbol) {
        b.append("\t<avp name=\"").append(attr(a.name())).append("\" code=\"").append(a.code())
                .append("\" mandatory=\"").append(a.mandatory().xmlToken())
                .append("\" protected=\"").append(a.protectedBit().xmlToken())
                .append("\" may-encrypt=\"").append(a.mayEncrypt() ? "yes" : "no")
                .append("\" vendor-bit=\"").append(a.vendorBit().xmlToken())
                .append("\" vendor-id=\"").append(attr(vendorSymbol)).append("\">\n");
        if (a.isGrouped()) {
            b.append("\t\t<grouped>\n");
            for (AvpRule r : a.groupedRules()) {
                b.append("\t\t\t<gavp name=\"").append(attr(r.avpName())).append("\"/>\n");
            }
            b.append("\t\t</grouped>\n");
        } else {
            b.append("\t\t<type type-name=\"").append(a.type().wiresharkName()).append("\"/>\n");
            a.enumValues().forEach((value, name) -> b.append("\t\t<enum name=\"").append(attr(name)).append("\" code=\"")
                    .append(value).append("\"/>\n"));
        }
        b.append("\t</avp>\n");
    }

    /** "Purchase-Information-Request" to "Purchase-Information": Wireshark names a command once for both directions. */
    static String baseName(String commandName) {
        for (String suffix : new String[] {"-Request", "-Answer"}) {
            if (commandName.endsWith(suffix)) {
                return commandName.substring(0, commandName.length() - suffix.length());
            }
        }
        return commandName;
    }

    /**
     * Prints the Wireshark dictionary for the bundled dictionary, with the defaults or with
     * {@code --vendor-id N --application-id N}. Prints usage to standard error and returns on bad arguments.
     */
    public static void main(String[] args) throws java.io.UnsupportedEncodingException {
        // by the charset's name: PrintStream(OutputStream, boolean, Charset) is Java 10, not Android 8
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8.name());
        VendorSettings defaults = VendorSettings.defaults();
        long vendorId = defaults.vendorId();
        long applicationId = defaults.accountingServicesApplicationId();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--vendor-id":
                        vendorId = number(args, ++i);
                        break;
                    case "--application-id":
                        applicationId = number(args, ++i);
                        break;
                    case "-h":
                    case "--help":
                        usage(out);
                        return;

                    default:
                        throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            out.print(new WiresharkDictionaryWriter().write(Dictionary.bundled(new VendorSettings(vendorId, applicationId))));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage(System.err);
        }
    }

    private static long number(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        try {
            return Long.decode(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " needs a number (decimal or 0x hex), not '" + args[i] + "'", e);
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: java -cp dictionaries.jar org.mipaaa.dictionary.WiresharkDictionaryWriter"
                + " [--vendor-id N] [--application-id N] > Custom.xml");
        s.println("  defaults: --vendor-id " + VendorIds.MIP_AAA_DEFAULT + " (RFC 5612 documentation number)"
                + " --application-id " + ApplicationIds.MIP_ACCOUNTING_SERVICES);
    }
}
