package org.mipaaa.dictionary.export;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * freeDiameter 1.2.1's own dictionary extensions that define some of the AVPs of our fragment (found
 * in their sources: libfdcore defines the base, these define the rest). A lab that loads one of them
 * before our file gets these AVPs from it; our file must then leave them out, because
 * dict_legacy_xml stops at the first AVP it cannot reconcile (an Enumerated AVP, which it makes an
 * Unsigned32, against the extension's Integer32 one). Their names are the RFCs' and ours, so our
 * commands' rules still find them. All are Vendor-Id 0.
 */
@org.mipaaa.dictionary.CarrierTool
public enum FreeDiameterExtension {
    /** RFC 4005/7155 NASREQ: the accounting AVPs RFC 4004 uses. */
    DICT_NASREQ(Set.of(46, 363, 364, 365, 366)),
    /** RFC 4006 Credit-Control: the money AVPs we reuse. */
    DICT_DCCA(Set.of(413, 423, 424, 425, 429, 436, 445, 447)),
    /** RFC 5778 Mobile IPv6 auth: MIP AVPs shared with RFC 4004, and NASREQ's accounting AVPs. */
    DICT_MIP6A(Set.of(46, 333, 334, 341, 343, 345, 346, 348, 363, 364, 365, 366, 367, 491)),
    /** RFC 5778 Mobile IPv6 IKE: the same AVPs as dict_mip6a. */
    DICT_MIP6I(Set.of(46, 333, 334, 341, 343, 345, 346, 348, 363, 364, 365, 366, 367, 491)),
    /** RFC 5447 NAS-to-HAAA: MIP-Home-Agent-Address and MIP-Home-Agent-Host. */
    DICT_NAS_MIPV6(Set.of(334, 348));

    private final Set<Integer> avpCodes;

    FreeDiameterExtension(Set<Integer> avpCodes) {
        this.avpCodes = avpCodes;
    }

    /** The extension's name, as in its file {@code <name>.fdx}. */
    public String extensionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Codes (Vendor-Id 0) of our AVPs this extension defines. */
    public Set<Integer> avpCodes() {
        return avpCodes;
    }

    /** The extension called {@code name} ("dict_mip6a" or "dict_mip6a.fdx"). */
    public static Optional<FreeDiameterExtension> of(String name) {
        String n = name.endsWith(".fdx") ? name.substring(0, name.length() - 4) : name;
        for (FreeDiameterExtension e : values()) {
            if (e.extensionName().equals(n)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
