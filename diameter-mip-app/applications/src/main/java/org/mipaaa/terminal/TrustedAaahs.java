package org.mipaaa.terminal;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.mipaaa.diameter.Avps;
import org.mipaaa.dictionary.AvpCodes;

/**
 * The AAAHs a terminal with the AAA function settles for ({@code shop.settlement.aaah.hosts}): the
 * carriers it has an agreement with. A request counts as theirs when its Origin-Host is one of them and
 * it came straight from that peer (the TLS link authenticated it), not relayed by another node.
 */
public final class TrustedAaahs {

    private final Set<String> hosts;

    public TrustedAaahs(Set<String> hosts) {
        this.hosts = Set.copyOf(hosts);
    }

    /** From a comma separated setting; blank: none (the terminal does not settle itself). */
    public static TrustedAaahs parse(String setting) {
        return new TrustedAaahs(Arrays.stream(setting.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    /** The trusted AAAH that sent {@code request}; empty when it is none of them or was relayed. */
    public Optional<String> sender(Request request) {
        String origin = originHost(request);
        if (!hosts.contains(origin)) {
            return Optional.empty();
        }
        if (request instanceof IMessage m && m.getPeer() != null && m.getPeer().getUri() != null
                && !origin.equals(m.getPeer().getUri().getFQDN())) {
            return Optional.empty();
        }
        return Optional.of(origin);
    }

    /** The request's Origin-Host; "" when it has none that decodes. */
    public static String originHost(Request request) {
        try {
            return Avps.utf8(Avps.require(request.getAvps(), AvpCodes.ORIGIN_HOST, "Origin-Host"));
        } catch (Avps.Invalid e) {
            return "";
        }
    }
}
