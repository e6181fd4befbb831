package org.mipaaa.demo;

/** What the receiver of a probe answered. */
public record ProbeResult(Probe probe, Long resultCode, boolean errorBit, Integer failedAvpCode, String errorMessage,
                          String failure) {

    /** True when the receiver answered the Result-Code RFC 6733 asks for. */
    public boolean asExpected() {
        return failure == null && resultCode != null && resultCode == probe.expected();
    }
}
