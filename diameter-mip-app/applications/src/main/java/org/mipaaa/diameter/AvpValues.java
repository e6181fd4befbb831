package org.mipaaa.diameter;

import org.mipaaa.dictionary.AvpType;

/** Facts about AVP value encodings (RFC 6733 §4.2-§4.3) that the dictionary's type implies. */
final class AvpValues {

    private AvpValues() {
    }

    /** The shortest valid value of a type, in octets: what a Failed-AVP example carries, zero-filled. */
    static int minimumLength(AvpType type) {
        return switch (type) {
            case INTEGER32, UNSIGNED32, FLOAT32, ENUMERATED, TIME -> 4;
            case INTEGER64, UNSIGNED64, FLOAT64 -> 8;
            // AddressType (2 octets) + an IPv4 address
            case ADDRESS -> 6;
            default -> 0;
        };
    }
}
