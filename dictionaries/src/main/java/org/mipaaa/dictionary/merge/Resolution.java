package org.mipaaa.dictionary.merge;

/** What a merge does when the carrier's dictionary and ours define the same code differently. */
@org.mipaaa.dictionary.CarrierTool
public enum Resolution {
    /** Refuse: report the conflicts and produce nothing (the default). */
    REFUSE,
    /** Keep the carrier's definition; ours is left out (or, for a name clash, ours is renamed). */
    CARRIER_WINS,
    /** Replace the carrier's definition by ours (for a name clash, the carrier's AVP is renamed). */
    OURS_WINS
}
