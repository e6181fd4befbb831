package org.mipaaa.dictionary;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a command's or grouped AVP's CCF: which AVP, how many times (RFC 6733 3.2), and
 * whether its position is fixed ({@code < Session-Id >}).
 *
 * @param avpName the AVP's dictionary name
 * @param code the AVP code
 * @param vendorId the AVP's Vendor-Id (0 for standard AVPs)
 * @param min least number of occurrences
 * @param max most number of occurrences, {@link #UNBOUNDED} for no limit
 * @param fixedPosition true for {@code < AVP >}: first in the message
 */
public final class AvpRule {

    private final String avpName;
    private final int code;
    private final long vendorId;
    private final int min;
    private final int max;
    private final boolean fixedPosition;

    /** Checks the name is present and the bounds are ordered. */
    public AvpRule(String avpName, int code, long vendorId, int min, int max, boolean fixedPosition) {
        if (avpName == null || avpName.trim().isEmpty()) {
            throw new IllegalArgumentException("AVP rule without a name");
        }
        if (min < 0 || (max != UNBOUNDED && max < min)) {
            throw new IllegalArgumentException("bad occurrence bounds " + min + ".." + max + " for " + avpName);
        }
        this.avpName = avpName;
        this.code = code;
        this.vendorId = vendorId;
        this.min = min;
        this.max = max;
        this.fixedPosition = fixedPosition;
    }


    /** {@link #max()} of a rule without upper bound ({@code *}). */
    public static final int UNBOUNDED = -1;

    /** True when the AVP must be present ({@code { AVP }}, {@code < AVP >}, {@code 1*}). */
    public boolean required() {
        return min > 0;
    }

    /** True when {@code count} occurrences satisfy this rule. */
    public boolean allows(int count) {
        return count >= min && (max == UNBOUNDED || count <= max);
    }

    /**
     * The rule as a jDiameter multiplicity: 0, 0-1, 1, 0+ or 1+.
     *
     * @throws IllegalStateException for bounds jDiameter cannot express (e.g. 2*3)
     */
    public String multiplicity() {
        if (min == 0 && max == 0) {
            return "0";
        }
        if (min == 0 && max == 1) {
            return "0-1";
        }
        if (min == 1 && max == 1) {
            return "1";
        }
        if (min == 0 && max == UNBOUNDED) {
            return "0+";
        }
        if (min == 1 && max == UNBOUNDED) {
            return "1+";
        }
        throw new IllegalStateException("jDiameter has no multiplicity for " + min + ".." + max + " (" + avpName + ")");
    }

    /** The rule in RFC 6733 CCF notation, e.g. {@code { Origin-Host }} or {@code * [ Proxy-Info ]}. */
    public String abnf() {
        if (fixedPosition) {
            return "< " + avpName + " >";
        }
        String qual = (min > 1 ? Integer.toString(min) : (min == 1 && max != 1 ? "1" : ""))
                + (max == 1 ? "" : "*" + (max == UNBOUNDED ? "" : Integer.toString(max)));
        String body = min > 0 ? "{ " + avpName + " }" : "[ " + avpName + " ]";
        return qual.isEmpty() ? body : qual + " " + body;
    }

    /**
     * Parses a jDiameter multiplicity (0, 0-1, 1, 0+, 1+) into a rule.
     *
     * @throws IllegalArgumentException for any other string (jDiameter would treat it as never valid)
     */
    public static AvpRule ofMultiplicity(String avpName, int code, long vendorId, String multiplicity, boolean fixedPosition) {
        switch (multiplicity.trim()) {
            case "0":
                return new AvpRule(avpName, code, vendorId, 0, 0, fixedPosition);
            case "0-1":
                return new AvpRule(avpName, code, vendorId, 0, 1, fixedPosition);
            case "1":
                return new AvpRule(avpName, code, vendorId, 1, 1, fixedPosition);
            case "0+":
                return new AvpRule(avpName, code, vendorId, 0, UNBOUNDED, fixedPosition);
            case "1+":
                return new AvpRule(avpName, code, vendorId, 1, UNBOUNDED, fixedPosition);
            default:
                throw new IllegalArgumentException(
                    "multiplicity of " + avpName + " must be 0, 0-1, 1, 0+ or 1+, not '" + multiplicity + "'");
        }
    }

    /** The rules among {@code rules} that {@code occurrences} break, in rule order. */
    static List<AvpRule> violations(List<AvpRule> rules, AvpOccurrences occurrences) {
        List<AvpRule> broken = new ArrayList<>();
        for (AvpRule r : rules) {
            if (!r.allows(occurrences.count(r.code(), r.vendorId()))) {
                broken.add(r);
            }
        }
        return broken;
    }

    public String avpName() {
        return avpName;
    }

    public int code() {
        return code;
    }

    public long vendorId() {
        return vendorId;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean fixedPosition() {
        return fixedPosition;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AvpRule)) {
            return false;
        }
        AvpRule other = (AvpRule) o;
        return java.util.Objects.equals(avpName, other.avpName)
                && code == other.code
                && vendorId == other.vendorId
                && min == other.min
                && max == other.max
                && fixedPosition == other.fixedPosition;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(avpName, code, vendorId, min, max, fixedPosition);
    }

    @Override
    public String toString() {
        return "AvpRule[" + "avpName=" + avpName + ", " + "code=" + code + ", " + "vendorId=" + vendorId + ", " + "min=" + min + ", " + "max=" + max + ", " + "fixedPosition=" + fixedPosition + "]";
    }
}
