package org.mipaaa.mobileip;

import java.util.List;
import java.util.Optional;

/**
 * The mobile node's busy / not busy signal (seed S2004-S2009: "by using the new extension function of
 * the Mobile IP protocol such as vendor extension"): a Normal Vendor/Organization Specific Extension
 * (NVSE, RFC 3115 §2.2, type 134) on its Registration Request, with the carrier's enterprise number
 * (node.properties vendor.id on the home agent), Vendor-NVSE-Type {@value #VENDOR_TYPE} and a one-byte value, 1 busy,
 * 0 not busy. An NVSE, not a CVSE: a home agent that does not know it skips it (RFC 3115 §2.3)
 * instead of refusing the registration. A registration without it leaves the flag as it was.
 *
 * <p>Only an extension placed before the first authentication extension counts: that one is covered
 * by the Mobile-Home (or MN-AAA) authenticator, so a foreign agent or anyone on the path cannot set a
 * node busy (RFC 5944 §3.6.1.3: extensions after the authenticator are not protected by it).
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class BusySignal {

    /** Vendor-NVSE-Type of the busy flag, under the carrier's Vendor-Id. */
    public static final int VENDOR_TYPE = 1;

    private BusySignal() {
    }

    /** The extension a mobile node adds to say it is {@code busy}. */
    public static NormalVendorExtension extension(long vendorId, boolean busy) {
        return new NormalVendorExtension(vendorId, VENDOR_TYPE, new byte[] {(byte) (busy ? 1 : 0)});
    }

    /** What {@code registration} signals, if it carries the (authenticated) extension. */
    public static Optional<Boolean> in(RegistrationPacket registration, long vendorId) {
        Optional<Boolean> signal = Optional.empty();
        List<ExtensionField> fields = registration.extensions();
        for (ExtensionField field : fields) {
            if (field.isAuthentication()) {
                break;
            }
            if (!(field.extension() instanceof NormalVendorExtension)) {
                continue;
            }
            NormalVendorExtension nvse = (NormalVendorExtension) field.extension();
            if (nvse.vendorId() == vendorId && nvse.vendorType() == VENDOR_TYPE && nvse.value().length == 1) {
                signal = Optional.of(nvse.value()[0] != 0); // the last one before the authenticator wins
            }
        }
        return signal;
    }
}
