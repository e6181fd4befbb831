package org.mipaaa.install;

import java.io.IOException;

import org.mipaaa.aaaf.VisitedAaaRole;
import org.mipaaa.aaah.HomeAaaRole;
import org.mipaaa.aaay.AaayRole;
import org.mipaaa.fa.ForeignAgentRole;
import org.mipaaa.ha.HomeAgentRole;
import org.mipaaa.role.RoleContext;
import org.mipaaa.terminal.TerminalRole;

/**
 * What is installed for a role: its handlers in the context's registry and its agents, returning what
 * the role offers its owner ({@link Installation}). {@link #STANDARD} installs each role's own
 * applications; a test may install handlers of its own instead.
 */
@FunctionalInterface
public interface RoleApplications {

    /** Each role's applications, as the seed and docs/PROTOCOL.md describe them. */
    RoleApplications STANDARD = ctx -> switch (ctx.role()) {
        case FA -> ForeignAgentRole.install(ctx);
        case AAAF -> VisitedAaaRole.install(ctx);
        case AAAH -> HomeAaaRole.install(ctx);
        case HA -> HomeAgentRole.install(ctx);
        case AAAY -> AaayRole.install(ctx);
        case TERMINAL -> TerminalRole.install(ctx);
    };

    /** No application at all: the stack answers what it answers itself, the node 3001 to every request. */
    RoleApplications NONE = ctx -> null;

    /** Installs the applications of {@code ctx.role()}; returns the role's parts (null when it offers none). */
    Object install(RoleContext ctx) throws IOException;
}
