package org.mipaaa.dictionary;

import java.util.Optional;

/**
 * DIAMETER AVP data formats: the basic and derived formats of RFC 6733 4.2 and 4.3, plus
 * QoSFilterRule (RFC 4005, still a typedefn in jDiameter). Each knows its type name in the
 * jDiameter and in the Wireshark dictionary format, which differ for Address only.
 */
public enum AvpType {
    OCTET_STRING("OctetString", "OctetString", null),
    INTEGER32("Integer32", "Integer32", null),
    INTEGER64("Integer64", "Integer64", null),
    UNSIGNED32("Unsigned32", "Unsigned32", null),
    UNSIGNED64("Unsigned64", "Unsigned64", null),
    FLOAT32("Float32", "Float32", null),
    FLOAT64("Float64", "Float64", null),
    /** Written as a {@code <grouped>} element, never as a type name. */
    GROUPED("Grouped", "Grouped", null),
    /** Wireshark calls it IPAddress. */
    ADDRESS("Address", "IPAddress", "OctetString"),
    TIME("Time", "Time", "OctetString"),
    UTF8_STRING("UTF8String", "UTF8String", "OctetString"),
    DIAMETER_IDENTITY("DiameterIdentity", "DiameterIdentity", "OctetString"),
    DIAMETER_URI("DiameterURI", "DiameterURI", "UTF8String"),
    ENUMERATED("Enumerated", "Enumerated", "Integer32"),
    IP_FILTER_RULE("IPFilterRule", "IPFilterRule", "OctetString"),
    QOS_FILTER_RULE("QoSFilterRule", "QoSFilterRule", "OctetString");

    private final String jdiameterName;
    private final String wiresharkName;
    private final String jdiameterParent;

    AvpType(String jdiameterName, String wiresharkName, String jdiameterParent) {
        this.jdiameterName = jdiameterName;
        this.wiresharkName = wiresharkName;
        this.jdiameterParent = jdiameterParent;
    }

    /** The type-name of jDiameter's dictionary ({@code <type type-name=...>}, {@code <typedefn>}). */
    public String jdiameterName() {
        return jdiameterName;
    }

    /** The type-name of Wireshark's diameter dictionary. */
    public String wiresharkName() {
        return wiresharkName;
    }

    /** The type-parent jDiameter's {@code <typedefn>} needs, empty for a basic format. */
    public Optional<String> jdiameterParent() {
        return Optional.ofNullable(jdiameterParent);
    }

    /** The type with this jDiameter type-name (case-sensitive, as jDiameter reads it). */
    public static Optional<AvpType> fromJDiameterName(String name) {
        for (AvpType t : values()) {
            if (t.jdiameterName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
