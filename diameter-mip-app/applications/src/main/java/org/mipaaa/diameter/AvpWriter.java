package org.mipaaa.diameter;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.Objects;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpType;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.FlagRule;

/**
 * Writes AVPs into a jDiameter {@link AvpSet} as the dictionary defines them: the M and P bits set where
 * its flag rule is "must" (RFC 6733 §4.1, the AVP tables; "may", "should not" and "must not" leave them
 * clear), the V bit for a vendor AVP, and the value encoded for the AVP's type (a {@code long} is four
 * octets for an Unsigned32, eight for an Unsigned64). A writer of requests and answers therefore states
 * only code, vendor and value, and an AVP the dictionary does not know, or a value of the wrong kind, is
 * refused at once with an {@link IllegalArgumentException} instead of going out malformed.
 *
 * <p>Besides that, only AVPs as received are written: {@link #copy} (a proxy, a relayed answer) and the
 * contents of {@link #failedAvp} (RFC 6733 §7.5: the offending AVP as it came); and, for probes that
 * must send what no dictionary allows, {@link #unchecked}.
 */
public final class AvpWriter {

    private final Dictionary dictionary;
    private final AvpSet avps;

    public AvpWriter(Dictionary dictionary, AvpSet avps) {
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
        this.avps = Objects.requireNonNull(avps, "avps");
    }

    /** A string AVP of vendor 0: UTF8String in UTF-8; OctetString, DiameterIdentity and the like in ISO-8859-1. */
    public AvpWriter add(int code, String value) {
        return add(code, 0, value);
    }

    /** A string AVP of {@code vendorId}; see {@link #add(int, String)}. */
    public AvpWriter add(int code, long vendorId, String value) {
        Objects.requireNonNull(value, "value");
        AvpDefinition d = definition(code, vendorId);
        switch (d.type()) {
            case UTF8_STRING, DIAMETER_URI -> avps.addAvp(code, value, vendorId, mandatory(d), isProtected(d), false);
            case OCTET_STRING, DIAMETER_IDENTITY, IP_FILTER_RULE, QOS_FILTER_RULE ->
                    avps.addAvp(code, value, vendorId, mandatory(d), isProtected(d), true);
            default -> throw wrongKind(d, "a string");
        }
        return this;
    }

    /**
     * A number AVP of vendor 0, encoded for its type: Unsigned32 (0 to 2^32-1), Integer32 and Enumerated
     * (an int), Unsigned64 and Integer64 (eight octets).
     */
    public AvpWriter add(int code, long value) {
        return add(code, 0, value);
    }

    /** A number AVP of {@code vendorId}; see {@link #add(int, long)}. */
    public AvpWriter add(int code, long vendorId, long value) {
        AvpDefinition d = definition(code, vendorId);
        switch (d.type()) {
            case UNSIGNED32 -> {
                if (value < 0 || value > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException(d.name() + " is Unsigned32: " + value + " does not fit");
                }
                avps.addAvp(code, value, vendorId, mandatory(d), isProtected(d), true);
            }
            case INTEGER32, ENUMERATED -> avps.addAvp(code, Math.toIntExact(value), vendorId, mandatory(d), isProtected(d));
            case UNSIGNED64, INTEGER64 -> avps.addAvp(code, value, vendorId, mandatory(d), isProtected(d), false);
            default -> throw wrongKind(d, "a number");
        }
        return this;
    }

    /** An OctetString AVP (or one derived from it) of vendor 0, its value as given. */
    public AvpWriter add(int code, byte[] value) {
        return add(code, 0, value);
    }

    /** An OctetString AVP (or one derived from it) of {@code vendorId}, its value as given. */
    public AvpWriter add(int code, long vendorId, byte[] value) {
        Objects.requireNonNull(value, "value");
        AvpDefinition d = definition(code, vendorId);
        switch (d.type()) {
            case OCTET_STRING, UTF8_STRING, DIAMETER_IDENTITY, DIAMETER_URI, IP_FILTER_RULE, QOS_FILTER_RULE ->
                    avps.addAvp(code, value, vendorId, mandatory(d), isProtected(d));
            default -> throw wrongKind(d, "octets");
        }
        return this;
    }

    /** A Time AVP of vendor 0 (RFC 6733 §4.3.1: seconds since 1900, whole seconds). */
    public AvpWriter add(int code, Instant value) {
        Objects.requireNonNull(value, "value");
        AvpDefinition d = definition(code, 0);
        if (d.type() != AvpType.TIME) {
            throw wrongKind(d, "a time");
        }
        avps.addAvp(code, Date.from(value), 0, mandatory(d), isProtected(d));
        return this;
    }

    /** An Address AVP of vendor 0. */
    public AvpWriter add(int code, InetAddress value) {
        Objects.requireNonNull(value, "value");
        AvpDefinition d = definition(code, 0);
        if (d.type() != AvpType.ADDRESS) {
            throw wrongKind(d, "an address");
        }
        avps.addAvp(code, value, 0, mandatory(d), isProtected(d));
        return this;
    }

    /**
     * A value already encoded for the AVP's type, flags from the dictionary: what another codec built
     * (the agent library's), or a Grouped AVP's members as received and kept.
     */
    public AvpWriter encoded(int code, long vendorId, byte[] data) {
        AvpDefinition d = definition(code, vendorId);
        avps.addAvp(code, Objects.requireNonNull(data, "data"), vendorId, mandatory(d), isProtected(d));
        return this;
    }

    /** A Grouped AVP of vendor 0; its members are written to the writer returned. */
    public AvpWriter group(int code) {
        return group(code, 0);
    }

    /** A Grouped AVP of {@code vendorId}; its members are written to the writer returned. */
    public AvpWriter group(int code, long vendorId) {
        AvpDefinition d = definition(code, vendorId);
        if (!d.isGrouped()) {
            throw wrongKind(d, "members");
        }
        return new AvpWriter(dictionary, avps.addGroupedAvp(code, vendorId, mandatory(d), isProtected(d)));
    }

    /** {@code avp} as received, flags and value unchanged (a proxy's request, a relayed answer). */
    public AvpWriter copy(Avp avp) {
        avps.addAvp(Objects.requireNonNull(avp, "avp"));
        return this;
    }

    /**
     * Failed-AVP (RFC 6733 §7.5) holding {@code failed} as it was received, wrapped in the Grouped AVPs
     * that contained it, each with the flags it came with: an AVP this node does not know (5001) can
     * only be given back that way.
     */
    public AvpWriter failedAvp(FailedAvp failed) {
        Deque<FailedAvp> chain = new ArrayDeque<>();
        for (FailedAvp a = failed; a != null; a = a.parent()) {
            chain.push(a);
        }
        AvpSet current = group(AvpCodes.FAILED_AVP).avps;
        while (chain.size() > 1) {
            FailedAvp group = chain.pop();
            current = current.addGroupedAvp(group.code(), group.vendorId(), group.mandatory(), false);
        }
        FailedAvp leaf = chain.pop();
        current.addAvp(leaf.code(), leaf.data(), leaf.vendorId(), leaf.mandatory(), false);
        return this;
    }

    /**
     * An AVP outside the dictionary, flags as given: for a probe that must send what the peer is to
     * refuse (an unknown vendor AVP with the M bit, 5001). Never for what a node sends in service.
     */
    public AvpWriter unchecked(int code, long vendorId, boolean mandatory, byte[] data) {
        avps.addAvp(code, data, vendorId, mandatory, false);
        return this;
    }

    private AvpDefinition definition(int code, long vendorId) {
        return dictionary.avp(code, vendorId).orElseThrow(() -> new IllegalArgumentException(
                "the dictionary has no AVP " + code + (vendorId == 0 ? "" : " of vendor " + vendorId)));
    }

    private static boolean mandatory(AvpDefinition d) {
        return d.mandatory() == FlagRule.MUST;
    }

    private static boolean isProtected(AvpDefinition d) {
        return d.protectedBit() == FlagRule.MUST;
    }

    private static IllegalArgumentException wrongKind(AvpDefinition d, String given) {
        return new IllegalArgumentException(d.name() + " is " + d.type().jdiameterName() + ", not " + given);
    }
}
