package org.mipaaa.agent.cli;

import org.mipaaa.agent.services.ServiceException;

/**
 * The exit codes of {@link AgentCli}: 0 on success, 2 for a command line it cannot run, 3 for local
 * set-up it cannot read (key, TLS or counter files), and one code per {@link ServiceException.Failure}
 * from 10 up, so a script can tell, e.g., a wrong key (10) from a server that did not answer (17).
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int SETUP = 3;

    private ExitCodes() {
    }

    /** The exit code of {@code failure}; a new failure class must get its own (AgentCliTest.everyFailureClassHasItsOwnExitCode checks each has one, distinct). */
    public static int of(ServiceException.Failure failure) {
        switch (failure) {
            case AUTHENTICATION_FAILED:
                return 10;
            case UNKNOWN_USER:
                return 11;
            case MALFORMED_PERIOD:
                return 12;
            case UNKNOWN_PAYEE:
                return 13;
            case UNKNOWN_ORDER:
                return 14;
            case REFUSED_BY_PAYEE:
                return 15;
            case NOT_DELIVERED:
                return 16;
            case NO_ANSWER:
                return 17;
            case UNAUTHENTICATED_ANSWER:
                return 18;
            case USER_REJECTED:
                return 19;
            case CONFIRMATION_TIMEOUT:
                return 20;
            case UNKNOWN_SETTLEMENT:
                return 21;
            case ALREADY_CANCELLED:
                return 22;
            case INVALID_REQUEST:
                return 23;
            case CREDENTIAL_REFUSED:
                return 24;
            case REFUSED:
                return 25;
            case NO_ORDER:
                return 26;
            case NOT_ELIGIBLE:
                return 27;
            default:
                // every Failure has its case above; AgentCliTest.everyFailureClassHasItsOwnExitCode fails for one that does not
                throw new IllegalArgumentException("no exit code for " + failure);
        }
    }
}
