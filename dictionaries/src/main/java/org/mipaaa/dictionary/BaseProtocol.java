package org.mipaaa.dictionary;

import java.util.Set;

/**
 * What "the RFC 6733 base protocol" is when a dictionary is split for another stack: the AVPs of the
 * RFC 6733 section 4.5 table and the applications of section 2.4. Every DIAMETER stack already defines
 * these (jDiameter's own dictionary, freeDiameter's core, Erlang's {@code diameter_gen_base_rfc6733}),
 * so {@link DictionaryFragment} and the exports leave them out and refer to them by name and code.
 */
public final class BaseProtocol {

    /**
     * Codes of the AVPs of the RFC 6733 section 4.5 table (all Vendor-Id 0): 49 AVPs, from User-Name (1)
     * to Accounting-Record-Number (485). The bundled dictionary defines exactly these in its base section.
     */
    public static final Set<Integer> AVP_CODES = Set.of(
            1, 25, 27, 33, 44, 50, 55, 85,
            257, 258, 259, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 270, 271, 272, 273, 274,
            276, 277, 278, 279, 280, 281, 282, 283, 284, 285, 287, 291, 292, 293, 294, 295, 296, 297,
            298, 299, 480, 483, 485);

    /** Applications of RFC 6733 section 2.4: common messages (0), base accounting (3), Relay (0xffffffff). */
    public static final Set<Long> APPLICATION_IDS = Set.of(ApplicationIds.COMMON_MESSAGES, ApplicationIds.BASE_ACCOUNTING,
            ApplicationIds.RELAY);

    private BaseProtocol() {
    }

    /** True for an AVP of the RFC 6733 section 4.5 table. */
    public static boolean isBaseAvp(int code, long vendorId) {
        return vendorId == VendorIds.IETF && AVP_CODES.contains(code);
    }

    /** True for an AVP of the RFC 6733 section 4.5 table. */
    public static boolean isBaseAvp(AvpDefinition avp) {
        return isBaseAvp(avp.code(), avp.vendorId());
    }
}
