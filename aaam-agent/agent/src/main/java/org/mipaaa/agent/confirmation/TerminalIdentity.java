package org.mipaaa.agent.confirmation;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.mipaaa.dictionary.ConfirmationProtocol.ReasonCode;

/**
 * Who a terminal is: its host name, fixed, and the user now using it, which changes as users log in
 * and out (seed S3012: "the host name and the user name of the user who is using that terminal at that
 * timing"). Thread-safe: the responder reads it while the terminal's UI changes the user.
 */
public final class TerminalIdentity {

    private final String hostName;
    private final AtomicReference<String> userNowUsing = new AtomicReference<>();

    public TerminalIdentity(String hostName, Optional<String> userNowUsing) {
        this.hostName = Objects.requireNonNull(hostName, "hostName");
        if (hostName.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        this.userNowUsing.set(userNowUsing.orElse(null));
    }

    public String hostName() {
        return hostName;
    }

    public Optional<String> userNowUsing() {
        return Optional.ofNullable(userNowUsing.get());
    }

    /** A user starts using the terminal (or another one takes over). */
    public void userLoggedIn(String user) {
        userNowUsing.set(Objects.requireNonNull(user, "user"));
    }

    /** Nobody uses the terminal now. */
    public void userLoggedOut() {
        userNowUsing.set(null);
    }

    /**
     * S3012: empty when the request names this terminal (and its current user, when it names one),
     * else the NG reason code.
     */
    public Optional<Integer> mismatch(ConfirmationRequest request) {
        // RFC 4343: DNS names compare case-insensitively; a trailing dot is the same name
        if (!canonicalHost(hostName).equals(canonicalHost(request.expectedHostName()))) {
            return Optional.of(ReasonCode.HOST_NAME_MISMATCH);
        }
        if (!request.expectedUser().isPresent()) {
            return Optional.empty();
        }
        String current = userNowUsing.get();
        if (current == null) {
            return Optional.of(ReasonCode.NO_USER);
        }
        return sameUser(current, request.expectedUser().get()) ? Optional.empty() : Optional.of(ReasonCode.USER_MISMATCH);
    }

    private static String canonicalHost(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    /** RFC 7542 §2.4: the user part of a NAI compares exactly, the realm case-insensitively. */
    static boolean sameUser(String a, String b) {
        int at = a.lastIndexOf('@');
        int bt = b.lastIndexOf('@');
        if (at < 0 || bt < 0) {
            return a.equals(b);
        }
        return a.substring(0, at).equals(b.substring(0, bt))
                && a.substring(at + 1).toLowerCase(Locale.ROOT).equals(b.substring(bt + 1).toLowerCase(Locale.ROOT));
    }
}
