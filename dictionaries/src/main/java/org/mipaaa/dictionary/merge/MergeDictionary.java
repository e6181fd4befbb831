package org.mipaaa.dictionary.merge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFormatException;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The merge as a command, JDK only:
 * <pre>
 * java -cp dictionaries.jar org.mipaaa.dictionary.merge.MergeDictionary --carrier dictionary.xml --out merged.xml \
 *      [--vendor-id N] [--application-id M] [--prefer carrier|ours] [--report report.txt]
 * </pre>
 * Prints the report (or writes it to {@code --report}). Exit status: 0 merged (the output written), 1
 * refused because of conflicts (nothing written), 2 bad arguments or a carrier file jDiameter could not
 * load.
 */
@org.mipaaa.dictionary.CarrierTool
public final class MergeDictionary {

    /** Merged; the output file is written. */
    public static final int MERGED = 0;
    /** Conflicts and no --prefer: nothing written. */
    public static final int REFUSED = 1;
    /** Bad arguments, unreadable or invalid carrier file. */
    public static final int FAILED = 2;

    private MergeDictionary() {
    }

    /** Runs the command and exits with its status (0 merged, 1 refused, 2 failed). */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int status = run(args, out, err);
        if (status != MERGED) {
            // a program's entry point: scripts of an installation read this status
            System.exit(status);
        }
    }

    /** The command without exiting: returns its status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path carrier = null;
        Path output = null;
        Path reportFile = null;
        VendorSettings defaults = VendorSettings.defaults();
        long vendorId = defaults.vendorId();
        long applicationId = defaults.accountingServicesApplicationId();
        Resolution resolution = Resolution.REFUSE;
        VendorSettings settings;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--carrier":
                        carrier = Path.of(value(args, ++i));
                        break;
                    case "--out":
                        output = Path.of(value(args, ++i));
                        break;
                    case "--report":
                        reportFile = Path.of(value(args, ++i));
                        break;
                    case "--vendor-id":
                        vendorId = number(args, ++i);
                        break;
                    case "--application-id":
                        applicationId = number(args, ++i);
                        break;
                    case "--prefer":
                        resolution = preference(value(args, ++i));
                        break;
                    case "-h":
                    case "--help":
                        usage(out);
                        return MERGED;
                    default:
                        throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (carrier == null || output == null) {
                throw new IllegalArgumentException("--carrier and --out are required");
            }
            settings = new VendorSettings(vendorId, applicationId);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            usage(err);
            return FAILED;
        }
        MergeResult result;
        try (InputStream in = Files.newInputStream(carrier)) {
            result = new DictionaryMerger().merge(in, carrier.toString(), Dictionary.bundled(settings), resolution);
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot read " + carrier + ": " + e.getMessage());
            return FAILED;
        } catch (DictionaryFormatException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
        try {
            if (!result.refused()) {
                // written next to the target, then moved: a half-written dictionary never replaces a good one
                Path dir = output.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, output.getFileName().toString(), ".tmp");
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    result.writeTo(o);
                }
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            String report = result.report().toString();
            if (reportFile != null) {
                Files.writeString(reportFile, report, StandardCharsets.UTF_8);
            } else {
                out.print(report);
            }
        } catch (IOException e) {
            err.println("error: cannot write " + output + ": " + e.getMessage());
            return FAILED;
        }
        if (result.refused()) {
            err.println("refused: " + result.report().conflicts().size() + " conflict(s) with " + carrier
                    + "; nothing written to " + output);
            return REFUSED;
        }
        return MERGED;
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
        s.println("usage: java -cp dictionaries.jar org.mipaaa.dictionary.merge.MergeDictionary --carrier FILE --out FILE");
        s.println("           [--vendor-id N] [--application-id M] [--prefer carrier|ours] [--report FILE]");
        s.println("  Adds mip-aaa's applications and AVPs to the carrier's jDiameter dictionary FILE and writes the result.");
        s.println("  Conflicting definitions are reported and refused (exit 1) unless --prefer says which side wins.");
        s.println("  defaults: --vendor-id " + VendorSettings.defaults().vendorId() + " --application-id "
                + VendorSettings.defaults().accountingServicesApplicationId() + " (documentation numbers)");
    }

    private static Resolution preference(String value) {
        if (value.equals("carrier")) {
            return Resolution.CARRIER_WINS;
        }
        if (value.equals("ours")) {
            return Resolution.OURS_WINS;
        }
        throw new IllegalArgumentException("--prefer takes carrier or ours, not '" + value + "'");
    }
}
