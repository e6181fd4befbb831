package org.mipaaa.agent.cli;

/**
 * A command line the CLI cannot run: unknown subcommand or option, a missing or malformed value.
 *
 * <p>Immutable, so thread-safe.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
