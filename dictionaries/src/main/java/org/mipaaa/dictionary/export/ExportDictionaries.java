package org.mipaaa.dictionary.export;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.dictionary.WiresharkDictionaryWriter;

/**
 * Writes our dictionary, with a carrier's Vendor-Id and Application-Id, in the formats of the stacks
 * interop labs use, JDK only:
 * <pre>
 * java -cp dictionaries.jar org.mipaaa.dictionary.export.ExportDictionaries --out DIR \
 *      [--vendor-id N] [--application-id M] [--format all|jdiameter|wireshark|freediameter|erlang] \
 *      [--freediameter-alongside dict_nasreq,dict_dcca,...] [--erlang-prefix mip_aaa]
 * </pre>
 * Into DIR: {@code jdiameter/dictionary.xml} (the whole dictionary, for a standalone jDiameter node) and
 * {@code jdiameter/mip-aaa-fragment.xml} (ours without the base, for MergeDictionary);
 * {@code wireshark/wireshark-mip-aaa.xml}; {@code freediameter/mip-aaa.xml} with the
 * {@code dict_legacy_xml.conf} that lists it; {@code erlang/<prefix>_*.dia}. Exit status 0, or 2 for bad
 * arguments or an unwritable directory. docs/DICTIONARIES.md describes each.
 */
@org.mipaaa.dictionary.CarrierTool
public final class ExportDictionaries {

    /** Written. */
    public static final int WRITTEN = 0;
    /** Bad arguments or an I/O error: nothing, or only part, written. */
    public static final int FAILED = 2;

    private static final List<String> FORMATS = List.of("all", "jdiameter", "wireshark", "freediameter", "erlang");

    private ExportDictionaries() {
    }

    /** Runs the command and exits with its status when it failed. */
    public static void main(String[] args) {
        int status = run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
        if (status != WRITTEN) {
            // a program's entry point: scripts read this status
            System.exit(status);
        }
    }

    /** The command without exiting: returns its status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        VendorSettings defaults = VendorSettings.defaults();
        long vendorId = defaults.vendorId();
        long applicationId = defaults.accountingServicesApplicationId();
        String format = "all";
        Set<FreeDiameterExtension> alongside = EnumSet.noneOf(FreeDiameterExtension.class);
        String prefix = ErlangDiaWriter.DEFAULT_PREFIX;
        Map<Path, String> files;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out":
                        dir = Path.of(value(args, ++i));
                        break;
                    case "--vendor-id":
                        vendorId = number(args, ++i);
                        break;
                    case "--application-id":
                        applicationId = number(args, ++i);
                        break;
                    case "--format":
                        format = value(args, ++i);
                        if (!FORMATS.contains(format)) {
                            throw new IllegalArgumentException("--format takes one of " + FORMATS + ", not '" + format + "'");
                        }
                        break;
                    case "--freediameter-alongside":
                        for (String name : value(args, ++i).split(",")) {
                            alongside.add(FreeDiameterExtension.of(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                                    "--freediameter-alongside: '" + name + "' is none of " + List.of(FreeDiameterExtension.values())
                                            .stream().map(FreeDiameterExtension::extensionName)
                                            .collect(java.util.stream.Collectors.toList()))));
                        }
                        break;
                    case "--erlang-prefix":
                        prefix = value(args, ++i);
                        break;
                    case "-h":
                    case "--help":
                        usage(out);
                        return WRITTEN;
                    default:
                        throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--out is required");
            }
            files = files(dir, Dictionary.bundled(new VendorSettings(vendorId, applicationId)), format, alongside,
                    new ErlangDiaWriter(prefix));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            usage(err);
            return FAILED;
        }
        try {
            for (Map.Entry<Path, String> f : files.entrySet()) {
                Files.createDirectories(f.getKey().getParent());
                Files.writeString(f.getKey(), f.getValue(), StandardCharsets.UTF_8);
                out.println(f.getKey());
            }
        } catch (IOException e) {
            err.println("error: cannot write into " + dir + ": " + e.getMessage());
            return FAILED;
        }
        return WRITTEN;
    }

    /** The files of {@code format} ("all" for every one) for {@code d}, under {@code dir}. */
    static Map<Path, String> files(Path dir, Dictionary d, String format, Set<FreeDiameterExtension> alongside,
            ErlangDiaWriter erlang) {
        Map<Path, String> files = new LinkedHashMap<>();
        boolean all = format.equals("all");
        if (all || format.equals("jdiameter")) {
            files.put(dir.resolve("jdiameter").resolve("dictionary.xml"), d.toJDiameterXml());
            files.put(dir.resolve("jdiameter").resolve("mip-aaa-fragment.xml"), d.fragment().toJDiameterXml());
        }
        if (all || format.equals("wireshark")) {
            files.put(dir.resolve("wireshark").resolve("wireshark-mip-aaa.xml"), new WiresharkDictionaryWriter().write(d));
        }
        if (all || format.equals("freediameter")) {
            Path xml = dir.resolve("freediameter").resolve("mip-aaa.xml").toAbsolutePath();
            files.put(xml, new FreeDiameterXmlWriter().write(d, alongside));
            files.put(xml.resolveSibling("dict_legacy_xml.conf"), "# dict_legacy_xml.fdx configuration: the XML files it loads.\n"
                    + "# freeDiameter.conf: LoadExtension = \"dict_legacy_xml.fdx\" : \"" + xml.resolveSibling("dict_legacy_xml.conf")
                    + "\";\n\"" + xml + "\";\n");
        }
        if (all || format.equals("erlang")) {
            erlang.write(d).forEach((name, content) -> files.put(dir.resolve("erlang").resolve(name), content));
        }
        return files;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static long number(String[] args, int i) {
        String v = value(args, i);
        try {
            return Long.decode(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " needs a number (decimal or 0x hex), not '" + v + "'", e);
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: java -cp dictionaries.jar org.mipaaa.dictionary.export.ExportDictionaries --out DIR");
        s.println("           [--vendor-id N] [--application-id M] [--format all|jdiameter|wireshark|freediameter|erlang]");
        s.println("           [--freediameter-alongside dict_nasreq,dict_dcca,dict_mip6a,dict_mip6i,dict_nas_mipv6]");
        s.println("           [--erlang-prefix mip_aaa]");
        s.println("  Writes mip-aaa's dictionary for jDiameter, Wireshark, freeDiameter (dict_legacy_xml) and Erlang/OTP diameter.");
        s.println("  defaults: --vendor-id " + VendorSettings.defaults().vendorId() + " --application-id "
                + VendorSettings.defaults().accountingServicesApplicationId() + " (documentation numbers)");
    }
}
