package org.mipaaa.dictionary;

/**
 * A vendor of the dictionary: the symbol the XML formats use to refer to it, its code (IANA
 * Private Enterprise Number, the Vendor-Id on the wire) and a display name.
 *
 * @param symbol the vendor-id attribute of the XML formats, e.g. "MIPAAA"
 * @param code the Vendor-Id
 * @param name display name
 */
public final class VendorDefinition {

    private final String symbol;
    private final long code;
    private final String name;

    /** Checks symbol and Unsigned32 code; the name defaults to the symbol. */
    public VendorDefinition(String symbol, long code, String name) {
        if (symbol == null || symbol.trim().isEmpty()) {
            throw new IllegalArgumentException("vendor " + code + " without a symbol");
        }
        if (code < 0 || code > 0xffffffffL) {
            throw new IllegalArgumentException("Vendor-Id out of Unsigned32 range: " + code);
        }
        name = name == null ? symbol : name;
        this.symbol = symbol;
        this.code = code;
        this.name = name;
    }


    public String symbol() {
        return symbol;
    }

    public long code() {
        return code;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VendorDefinition)) {
            return false;
        }
        VendorDefinition other = (VendorDefinition) o;
        return java.util.Objects.equals(symbol, other.symbol)
                && code == other.code
                && java.util.Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(symbol, code, name);
    }

    @Override
    public String toString() {
        return "VendorDefinition[" + "symbol=" + symbol + ", " + "code=" + code + ", " + "name=" + name + "]";
    }
}
