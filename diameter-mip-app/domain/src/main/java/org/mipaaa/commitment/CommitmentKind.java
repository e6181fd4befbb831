package org.mipaaa.commitment;

import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

/** The two ways another party pays a mobile node's next communication (docs/PROTOCOL.md §4.7, §4.8). */
public enum CommitmentKind {
    /** An advertisement sponsor pays a share (SCMR/SCMA). */
    SPONSORED(CommandCodes.SPONSORED_COMMUNICATION, VendorAvpCodes.SPONSOR_ID, "SCMR", "Sponsor-Id"),
    /** A credit company settles it all (CCMR/CCMA). */
    CREDIT(CommandCodes.CREDIT_COMMUNICATION, VendorAvpCodes.CREDIT_COMPANY_ID, "CCMR", "Credit-Company-Id");

    public final int command;
    public final int payerAvp;
    public final String request;
    public final String payerName;

    CommitmentKind(int command, int payerAvp, String request, String payerName) {
        this.command = command;
        this.payerAvp = payerAvp;
        this.request = request;
        this.payerName = payerName;
    }
}
