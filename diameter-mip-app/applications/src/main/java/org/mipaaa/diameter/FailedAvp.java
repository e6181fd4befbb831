package org.mipaaa.diameter;

/**
 * What goes into a Failed-AVP (RFC 6733 §7.5): either the offending AVP as received, or, for a missing
 * one, an example with the right code, flags and a zero-filled value of minimum length.
 *
 * @param code      AVP code
 * @param vendorId  Vendor-Id (0: no V bit)
 * @param mandatory M bit
 * @param data      the AVP's value bytes
 * @param parent    the Grouped AVP that contains it, or null at the top level
 */
public record FailedAvp(int code, long vendorId, boolean mandatory, byte[] data, FailedAvp parent) {

    public FailedAvp {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The same AVP, placed inside {@code group} (RFC 6733 §7.5: the Grouped AVP that holds it). */
    public FailedAvp within(FailedAvp group) {
        return new FailedAvp(code, vendorId, mandatory, data, group);
    }
}
