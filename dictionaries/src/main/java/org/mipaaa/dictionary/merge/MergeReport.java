package org.mipaaa.dictionary.merge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.mipaaa.dictionary.VendorSettings;

/**
 * What a merge found and did: the conflicts (each with both definitions and the carrier's file and
 * line), what it added, what both sides define identically (kept once), notes on renamings and on the
 * carrier's base protocol, and warnings about things in the carrier's file jDiameter would skip.
 * {@link #toString()} is the text the command prints.
 */
@org.mipaaa.dictionary.CarrierTool
public final class MergeReport {

    private final String carrierSource;
    private final VendorSettings settings;
    private final Resolution resolution;
    private final List<Conflict> conflicts = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> identical = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    MergeReport(String carrierSource, VendorSettings settings, Resolution resolution) {
        this.carrierSource = carrierSource;
        this.settings = settings;
        this.resolution = resolution;
    }

    void conflict(Conflict c) {
        conflicts.add(c);
    }

    void added(String what) {
        added.add(what);
    }

    void identical(String what) {
        identical.add(what);
    }

    void note(String what) {
        notes.add(what);
    }

    void warnings(List<String> carrierWarnings) {
        warnings.addAll(carrierWarnings);
    }

    /** The carrier's file as named to the merge. */
    public String carrierSource() {
        return carrierSource;
    }

    /** The Vendor-Id and Application-Id our fragment was written with. */
    public VendorSettings vendorSettings() {
        return settings;
    }

    /** How conflicts were to be resolved. */
    public Resolution resolution() {
        return resolution;
    }

    /** True when there were conflicts and no side was told to win: nothing was merged. */
    public boolean refused() {
        return !conflicts.isEmpty() && resolution == Resolution.REFUSE;
    }

    public List<Conflict> conflicts() {
        return Collections.unmodifiableList(conflicts);
    }

    /** Each definition added to the carrier's file, e.g. "AVP MIP-Reg-Request (320, Vendor-Id 0)". */
    public List<String> added() {
        return Collections.unmodifiableList(added);
    }

    /** Each of our definitions the carrier's file already has identically (kept once, the carrier's). */
    public List<String> identical() {
        return Collections.unmodifiableList(identical);
    }

    /** Renamed symbols and AVPs, base AVPs the carrier names or defines otherwise, winners applied. */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** Problems already in the carrier's file (things jDiameter skips); they do not stop a merge. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("mip-aaa dictionary fragment (Vendor-Id ").append(settings.vendorId())
                .append(", MIP-Accounting-Services Application-Id ").append(settings.accountingServicesApplicationId())
                .append(") merged into ").append(carrierSource).append('\n');
        section(b, "Conflicts", conflicts.stream().map(Conflict::toString).collect(java.util.stream.Collectors.toUnmodifiableList()), true);
        section(b, "Added", added, false);
        section(b, "Identical in both (kept once)", identical, false);
        section(b, "Notes", notes, true);
        section(b, "Warnings about " + carrierSource, warnings, true);
        if (refused()) {
            b.append("REFUSED: ").append(conflicts.size()).append(" conflict(s), nothing merged. Decide which side wins "
                    + "(--prefer carrier or --prefer ours; Resolution.CARRIER_WINS or OURS_WINS) or fix the carrier's file.\n");
        } else if (!conflicts.isEmpty()) {
            b.append("MERGED: ").append(conflicts.size()).append(" conflict(s) resolved, ")
                    .append(resolution == Resolution.CARRIER_WINS ? "the carrier's definitions kept" : "ours replacing the carrier's")
                    .append(".\n");
        } else {
            b.append("MERGED: no conflicts.\n");
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> lines, boolean numbered) {
        b.append(title).append(" (").append(lines.size()).append(')').append(lines.isEmpty() ? "\n" : ":\n");
        int i = 1;
        for (String l : lines) {
            b.append("  ").append(numbered ? (i++) + ". " : "- ").append(l).append('\n');
        }
    }
}
