package org.mipaaa.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The DIAMETER dictionary as data, read from the same jDiameter-format XML that jDiameter's validator
 * reads ("dictionaries as data", as Erlang/OTP diameter does it). Nodes and the AAAM library look up
 * codes, types, flags and occurrence rules here instead of hard-coding them, so a message is checked
 * against exactly the file jDiameter enforces.
 *
 * <p>The bundled file ({@value #BUNDLED_RESOURCE}) holds the RFC 6733 base protocol, the RFC 4004
 * Mobile IPv4 application, the RFC 4006 AVPs we reuse and the vendor-specific application
 * MIP-Accounting-Services. Its Vendor-Id and Application-Id are defaults; {@link #bundled(VendorSettings)}
 * applies a carrier's own numbers, and {@link #toJDiameterXml()} writes the result back for jDiameter:
 * <pre>{@code
 * Dictionary d = Dictionary.bundled(settings);
 * DictionarySingleton.getDictionary(new ByteArrayInputStream(d.toJDiameterXml().getBytes(UTF_8)));
 * }</pre>
 * Instances are immutable and thread-safe.
 */
public final class Dictionary {

    /** Classpath location of the bundled jDiameter-format dictionary. */
    public static final String BUNDLED_RESOURCE = "/org/mipaaa/dictionary/jdiameter-dictionary.xml";

    /** Classpath location of the hand-maintained Wireshark dictionary of the vendor application (defaults). */
    public static final String WIRESHARK_RESOURCE = "/org/mipaaa/dictionary/wireshark-mip-aaa.xml";

    /** The vendor-id symbol, in both XML formats, of the vendor whose numbers {@link VendorSettings} sets. */
    public static final String VENDOR_SYMBOL = "MIPAAA";

    private static final class DefaultHolder {
        static final Dictionary INSTANCE = loadBundled(VendorSettings.defaults());
    }

    private static final class AvpKey {

        private final long vendorId;
        private final int code;

        AvpKey(long vendorId, int code) {
            this.vendorId = vendorId;
            this.code = code;
        }


        public long vendorId() {
            return vendorId;
        }

        public int code() {
            return code;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof AvpKey)) {
                return false;
            }
            AvpKey other = (AvpKey) o;
            return vendorId == other.vendorId
                    && code == other.code;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(vendorId, code);
        }

        @Override
        public String toString() {
            return "AvpKey[" + "vendorId=" + vendorId + ", " + "code=" + code + "]";
        }
    }

    private static final class CommandKey {

        private final long applicationId;
        private final int code;
        private final boolean request;

        CommandKey(long applicationId, int code, boolean request) {
            this.applicationId = applicationId;
            this.code = code;
            this.request = request;
        }


        public long applicationId() {
            return applicationId;
        }

        public int code() {
            return code;
        }

        public boolean request() {
            return request;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof CommandKey)) {
                return false;
            }
            CommandKey other = (CommandKey) o;
            return applicationId == other.applicationId
                    && code == other.code
                    && request == other.request;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(applicationId, code, request);
        }

        @Override
        public String toString() {
            return "CommandKey[" + "applicationId=" + applicationId + ", " + "code=" + code + ", " + "request=" + request + "]";
        }
    }

    private final VendorSettings vendorSettings;
    private final List<VendorDefinition> vendors;
    private final List<ApplicationDefinition> applications;
    private final List<AvpDefinition> avps;
    private final List<CommandDefinition> commands;
    private final Map<AvpKey, AvpDefinition> avpsByCode = new HashMap<>();
    private final Map<String, AvpDefinition> avpsByName = new HashMap<>();
    private final Map<CommandKey, CommandDefinition> commandsByKey = new HashMap<>();
    private final Map<Long, ApplicationDefinition> applicationsById = new HashMap<>();

    Dictionary(VendorSettings vendorSettings, List<VendorDefinition> vendors, List<ApplicationDefinition> applications,
            List<AvpDefinition> avps, List<CommandDefinition> commands) {
        this.vendorSettings = Objects.requireNonNull(vendorSettings, "vendorSettings");
        this.vendors = List.copyOf(vendors);
        this.applications = List.copyOf(applications);
        this.avps = List.copyOf(avps);
        this.commands = List.copyOf(commands);
        for (AvpDefinition a : this.avps) {
            avpsByCode.put(new AvpKey(a.vendorId(), a.code()), a);
            avpsByName.put(a.name(), a);
        }
        for (CommandDefinition c : this.commands) {
            commandsByKey.put(new CommandKey(c.applicationId(), c.code(), c.request()), c);
        }
        for (ApplicationDefinition a : this.applications) {
            applicationsById.put(a.id(), a);
        }
    }

    /** The bundled dictionary with the default (documentation) Vendor-Id and Application-Id; parsed once. */
    public static Dictionary bundled() {
        return DefaultHolder.INSTANCE;
    }

    /**
     * The bundled dictionary with a carrier's Vendor-Id and MIP-Accounting-Services Application-Id on
     * every vendor AVP, command rule and on the application.
     */
    public static Dictionary bundled(VendorSettings vendor) {
        return vendor.equals(VendorSettings.defaults()) ? bundled() : loadBundled(vendor);
    }

    /**
     * Reads a jDiameter-format dictionary. The vendor declared with symbol {@value #VENDOR_SYMBOL} and its
     * application get the numbers of {@code vendor}. The stream is read to its end but not closed.
     *
     * @throws DictionaryFormatException where jDiameter would silently drop or misread a definition
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static Dictionary load(InputStream xml, VendorSettings vendor) {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(vendor, "vendor");
        return JDiameterXmlReader.read(xml, vendor);
    }

    private static Dictionary loadBundled(VendorSettings vendor) {
        try (InputStream in = Dictionary.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled dictionary missing from the classpath: " + BUNDLED_RESOURCE);
            }
            return load(in, vendor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Vendor-Id and Application-Id this dictionary was built with. */
    public VendorSettings vendorSettings() {
        return vendorSettings;
    }

    /** The AVP with this code and Vendor-Id. */
    public Optional<AvpDefinition> avp(int code, long vendorId) {
        return Optional.ofNullable(avpsByCode.get(new AvpKey(vendorId, code)));
    }

    /** The AVP with this name (names are unique across vendors, as jDiameter requires). */
    public Optional<AvpDefinition> avp(String name) {
        return Optional.ofNullable(avpsByName.get(name));
    }

    /** The request or answer with this code in this application. */
    public Optional<CommandDefinition> command(long applicationId, int commandCode, boolean request) {
        return Optional.ofNullable(commandsByKey.get(new CommandKey(applicationId, commandCode, request)));
    }

    /** All commands, requests and answers, in file order. */
    public Collection<CommandDefinition> commands() {
        return commands;
    }

    /** The commands of one application, in file order. */
    public List<CommandDefinition> commands(long applicationId) {
        return java.util.Collections.unmodifiableList(commands.stream().filter(c -> c.applicationId() == applicationId).collect(java.util.stream.Collectors.toList()));
    }

    /** All AVPs, in file order. */
    public Collection<AvpDefinition> avps() {
        return avps;
    }

    /** The AVPs of one vendor (0 for the standard ones), in file order. */
    public List<AvpDefinition> avps(long vendorId) {
        return java.util.Collections.unmodifiableList(avps.stream().filter(a -> a.vendorId() == vendorId).collect(java.util.stream.Collectors.toList()));
    }

    /** The Application-Ids declared, in file order. */
    public Set<Long> applicationIds() {
        Set<Long> ids = new LinkedHashSet<>();
        applications.forEach(a -> ids.add(a.id()));
        return Collections.unmodifiableSet(ids);
    }

    /** The applications declared, in file order. */
    public List<ApplicationDefinition> applications() {
        return applications;
    }

    /** The application with this id. */
    public Optional<ApplicationDefinition> application(long applicationId) {
        return Optional.ofNullable(applicationsById.get(applicationId));
    }

    /** The vendors declared (with the configured code for {@value #VENDOR_SYMBOL}), in file order. */
    public List<VendorDefinition> vendors() {
        return vendors;
    }

    /**
     * This dictionary in jDiameter's format, with the vendor settings applied, ready for
     * {@code DictionarySingleton.getDictionary(InputStream)} before the stack starts. Reading it back
     * with {@link #load(InputStream, VendorSettings)} gives an equal dictionary.
     */
    public String toJDiameterXml() {
        return JDiameterXmlWriter.write(this);
    }

    /**
     * Our part of this dictionary, without the RFC 6733 base protocol: what a carrier adds to the
     * dictionary its jDiameter stack already loads (org.mipaaa.dictionary.merge.DictionaryMerger).
     */
    public DictionaryFragment fragment() {
        return DictionaryFragment.of(this);
    }

    /** Equal when vendor settings, vendors, applications, AVPs and commands are equal, in the same order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dictionary)) {
            return false;
        }
        Dictionary d = (Dictionary) o;
        return vendorSettings.equals(d.vendorSettings) && vendors.equals(d.vendors)
                && applications.equals(d.applications) && avps.equals(d.avps) && commands.equals(d.commands);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vendorSettings, vendors, applications, avps, commands);
    }

    @Override
    public String toString() {
        return "Dictionary[vendor=" + vendorSettings.vendorId() + ", accountingServices="
                + vendorSettings.accountingServicesApplicationId() + ", applications=" + applications.size()
                + ", commands=" + commands.size() + ", avps=" + avps.size() + "]";
    }
}
