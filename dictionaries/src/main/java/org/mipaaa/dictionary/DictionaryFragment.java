package org.mipaaa.dictionary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The part of a {@link Dictionary} that is ours, for adding to a dictionary a carrier already has:
 * our applications (RFC 4004 Mobile IPv4 and the vendor-specific ones) with their commands, every AVP
 * that is not of the RFC 6733 base protocol ({@link BaseProtocol}: MIP-*, the accounting AVPs, the
 * RFC 4006 AVPs we reuse, our vendor AVPs) and our vendor. The base protocol and the applications we
 * only name (Credit-Control, declared so its id has a name) are left out: a carrier's stack already
 * defines them, and defining them twice is what makes dictionaries collide.
 *
 * <p>It is computed from the model, so the one hand-edited file ({@value Dictionary#BUNDLED_RESOURCE})
 * stays the single source: the whole dictionary our own nodes load and this fragment cannot drift
 * apart. The fragment's commands and grouped AVPs still refer to base AVPs (Session-Id, Origin-Host,
 * ...); {@link #baseAvpsReferenced()} lists them, so a merge can check the carrier has each.
 * Immutable.
 */
public final class DictionaryFragment {

    private final VendorSettings vendorSettings;
    private final List<VendorDefinition> vendors;
    private final List<ApplicationDefinition> applications;
    private final List<CommandDefinition> commands;
    private final List<AvpDefinition> avps;
    private final List<AvpDefinition> baseAvpsReferenced;

    private DictionaryFragment(Dictionary d) {
        this.vendorSettings = d.vendorSettings();
        List<ApplicationDefinition> apps = new ArrayList<>();
        for (ApplicationDefinition app : d.applications()) {
            if (isOurs(app, d)) {
                apps.add(app);
            }
        }
        this.applications = List.copyOf(apps);
        List<CommandDefinition> cmds = new ArrayList<>();
        apps.forEach(a -> cmds.addAll(d.commands(a.id())));
        this.commands = List.copyOf(cmds);
        this.avps = d.avps().stream().filter(a -> !BaseProtocol.isBaseAvp(a)).collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), java.util.Collections::unmodifiableList));

        Set<Long> vendorCodes = new LinkedHashSet<>();
        avps.forEach(a -> vendorCodes.add(a.vendorId()));
        apps.forEach(a -> vendorCodes.add(a.vendorId()));
        vendorCodes.remove(VendorIds.IETF);
        Map<Long, VendorDefinition> byCode = new LinkedHashMap<>();
        d.vendors().forEach(v -> byCode.putIfAbsent(v.code(), v));
        List<VendorDefinition> vs = new ArrayList<>();
        for (long code : vendorCodes) {
            VendorDefinition v = byCode.get(code);
            if (v == null) {
                throw new IllegalStateException("Vendor-Id " + code + " is used but declared by no <vendor>");
            }
            vs.add(v);
        }
        this.vendors = List.copyOf(vs);

        Map<String, AvpDefinition> base = new LinkedHashMap<>();
        List<AvpRule> refs = new ArrayList<>();
        cmds.forEach(c -> refs.addAll(c.rules()));
        avps.forEach(a -> refs.addAll(a.groupedRules()));
        for (AvpRule r : refs) {
            if (BaseProtocol.isBaseAvp(r.code(), r.vendorId())) {
                base.computeIfAbsent(r.avpName(), n -> d.avp(r.code(), r.vendorId()).get());
            }
        }
        this.baseAvpsReferenced = List.copyOf(base.values());
    }

    /** The fragment of {@code d} (with its vendor settings). */
    public static DictionaryFragment of(Dictionary d) {
        return new DictionaryFragment(Objects.requireNonNull(d, "d"));
    }

    /**
     * True for an application this project implements: it has commands and is not one of RFC 6733's.
     * (The bundled file also names Credit-Control, whose AVPs we reuse; it has no commands of ours.)
     */
    private static boolean isOurs(ApplicationDefinition app, Dictionary d) {
        return !BaseProtocol.APPLICATION_IDS.contains(app.id()) && !d.commands(app.id()).isEmpty();
    }

    /** The Vendor-Id and Application-Id the fragment carries. */
    public VendorSettings vendorSettings() {
        return vendorSettings;
    }

    /** Our vendors (not the IETF's 0), in file order. */
    public List<VendorDefinition> vendors() {
        return vendors;
    }

    /** Our applications: Mobile-IPv4 (2) and MIP-Accounting-Services, in file order. */
    public List<ApplicationDefinition> applications() {
        return applications;
    }

    /** The commands of our applications, requests and answers, in file order. */
    public List<CommandDefinition> commands() {
        return commands;
    }

    /** The commands of one of our applications. */
    public List<CommandDefinition> commands(long applicationId) {
        return commands.stream().filter(c -> c.applicationId() == applicationId).collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), java.util.Collections::unmodifiableList));
    }

    /** Every AVP that is not of the RFC 6733 base protocol, in file order. */
    public Collection<AvpDefinition> avps() {
        return avps;
    }

    /** The base-protocol AVPs our commands and grouped AVPs refer to, in order of first use. */
    public List<AvpDefinition> baseAvpsReferenced() {
        return baseAvpsReferenced;
    }

    /**
     * The fragment in jDiameter's dictionary format: the typedefns of its AVPs' types, our vendor, our
     * AVPs and our applications with their commands. Not loadable on its own (see the class comment).
     */
    public String toJDiameterXml() {
        return JDiameterXmlWriter.write(this);
    }

    @Override
    public String toString() {
        return "DictionaryFragment[vendor=" + vendorSettings.vendorId() + ", applications="
                + applications.stream().map(ApplicationDefinition::id).collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), java.util.Collections::unmodifiableList)) + ", commands=" + commands.size()
                + ", avps=" + avps.size() + "]";
    }
}
