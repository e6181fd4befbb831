package org.mipaaa.agent.cli;

import org.mipaaa.agent.services.ServiceException;

/**
 * The exit codes of {@link AgentCli}: 0 on success, 2 for a command line it cannot run, 3 for local
 * set-up it cannot read (key, TLS or counter files), and one code per {@link ServiceException.Failure}
 * from 10 up, so a script can tell, e.g., a wrong key (10) from a server that did not answer (17).
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int SETUP = 3;

    private ExitCodes() {
    }

    /** The exit code of {@code failure}; the switch is exhaustive, so a new failure class must get its own. */
    public static int of(ServiceException.Failure failure) {
        return switch (failure) {
            case AUTHENTICATION_FAILED -> 10;
            case UNKNOWN_USER -> 11;
            case MALFORMED_PERIOD -> 12;
            case UNKNOWN_PAYEE -> 13;
            case UNKNOWN_ORDER -> 14;
            case REFUSED_BY_PAYEE -> 15;
            case NOT_DELIVERED -> 16;
            case NO_ANSWER -> 17;
            case UNAUTHENTICATED_ANSWER -> 18;
            case USER_REJECTED -> 19;
            case CONFIRMATION_TIMEOUT -> 20;
            case UNKNOWN_SETTLEMENT -> 21;
            case ALREADY_CANCELLED -> 22;
            case INVALID_REQUEST -> 23;
            case CREDENTIAL_REFUSED -> 24;
            case REFUSED -> 25;
        };
    }
}
