package org.mipaaa.dictionary;

/**
 * A vendor of the dictionary: the symbol the XML formats use to refer to it, its code (IANA
 * Private Enterprise Number, the Vendor-Id on the wire) and a display name.
 *
 * @param symbol the vendor-id attribute of the XML formats, e.g. "MIPAAA"
 * @param code the Vendor-Id
 * @param name display name
 */
public record VendorDefinition(String symbol, long code, String name) {

    /** Checks symbol and Unsigned32 code; the name defaults to the symbol. */
    public VendorDefinition {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("vendor " + code + " without a symbol");
        }
        if (code < 0 || code > 0xffffffffL) {
            throw new IllegalArgumentException("Vendor-Id out of Unsigned32 range: " + code);
        }
        name = name == null ? symbol : name;
    }
}
