package org.mipaaa.presence;

import java.time.format.DateTimeFormatter;

import org.mipaaa.json.JsonStrings;
import org.mipaaa.mobileip.Ipv4;

/**
 * The body of a presence notification (docs/PROTOCOL.md "Presence notification"): one flat JSON object,
 * UTF-8, written here by hand (no JSON library on this side; every value is a string, a boolean, a
 * number or null, and strings are escaped per RFC 8259 §7).
 */
public final class PresenceJson {

    private PresenceJson() {
    }

    public static String of(Presence p) {
        return "{\"nai\":" + string(p.nai())
                + ",\"state\":" + string(p.state().name())
                + ",\"careOfAddress\":" + p.careOfAddress().map(a -> string(Ipv4.format(a))).orElse("null")
                + ",\"visitedRealm\":" + p.visitedRealm().map(PresenceJson::string).orElse("null")
                + ",\"busy\":" + p.busy()
                + ",\"sequence\":" + p.sequence()
                + ",\"timestamp\":" + string(DateTimeFormatter.ISO_INSTANT.format(p.changedAt()))
                + "}";
    }

    static String string(String value) {
        return JsonStrings.quote(value);
    }
}
