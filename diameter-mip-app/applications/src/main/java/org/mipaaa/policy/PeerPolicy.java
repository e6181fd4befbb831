package org.mipaaa.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.role.Role;

/**
 * Which requests each kind of peer may send to each of our roles, declared in one file
 * ({@code config/policy.properties}, one line per sender and receiver):
 *
 * <pre>
 * FA.to.AAAF = AMR, ACR
 * MOBILE_NODE.to.AAAH = PIR, SER, SCR, CQR, SCMR, CCMR
 * </pre>
 *
 * Commands are named by their abbreviation in the dictionary, so the carrier's own Application-Id of
 * the services application is applied. Anything not listed is refused before any handler runs.
 */
public final class PeerPolicy {

    /** One request command of one application. */
    public record Command(long applicationId, int code) {
    }

    private final Map<PeerKind, Map<Role, Set<Command>>> allowed;
    private final Map<Command, String> names;

    private PeerPolicy(Map<PeerKind, Map<Role, Set<Command>>> allowed, Map<Command, String> names) {
        this.allowed = allowed;
        this.names = names;
    }

    /**
     * Whether a peer of kind {@code sender} may send command {@code code} of {@code applicationId} to our
     * {@code receiver}. A base-protocol command (Common-Messages, application 0) that the header's
     * application does not define itself is judged as the base one: RFC 6733 §3 lets an STR or ASR carry
     * the Application-Id of its session (RFC 4004 §4 has 0; another vendor's node may write 2).
     */
    public boolean allows(PeerKind sender, Role receiver, long applicationId, int code) {
        Set<Command> commands = allowed.getOrDefault(sender, Map.of()).getOrDefault(receiver, Set.of());
        Command base = baseCommand(applicationId, code);
        return commands.contains(new Command(applicationId, code)) || base != null && commands.contains(base);
    }

    /** Command {@code code} of application 0 when the application of the header has no command of that code. */
    private Command baseCommand(long applicationId, int code) {
        Command base = new Command(ApplicationIds.COMMON_MESSAGES, code);
        return names.containsKey(new Command(applicationId, code)) || !names.containsKey(base) ? null : base;
    }

    /** The senders allowed to send the command to {@code receiver}: for the Error-Message of a refusal and the docs. */
    public List<PeerKind> sendersOf(Role receiver, long applicationId, int code) {
        List<PeerKind> senders = new ArrayList<>();
        for (PeerKind kind : PeerKind.values()) {
            if (allows(kind, receiver, applicationId, code)) {
                senders.add(kind);
            }
        }
        return senders;
    }

    /** The abbreviation of a command, as the policy file names it. */
    public String name(long applicationId, int code) {
        String name = names.get(new Command(applicationId, code));
        Command base = baseCommand(applicationId, code);
        return name != null ? name : base != null ? names.get(base) : applicationId + "/" + code;
    }

    /** The policy as lines "SENDER -> RECEIVER: CMD, CMD", sorted: what the node logs at start. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        allowed.forEach((sender, byReceiver) -> byReceiver.forEach((receiver, commands) -> {
            Set<String> names = new TreeSet<>();
            commands.forEach(c -> names.add(name(c.applicationId(), c.code())));
            lines.add(sender + " -> " + receiver + ": " + String.join(", ", names));
        }));
        lines.sort(null);
        return lines;
    }

    /** Reads {@code file}; a sender, receiver or command it does not know is an error naming the line. */
    public static PeerPolicy load(Path file, Dictionary dictionary) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return parse(p, dictionary);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The policy of {@code lines} ({@code SENDER.to.RECEIVER = CMD, ...}). */
    public static PeerPolicy parse(Properties lines, Dictionary dictionary) {
        Map<String, Set<Command>> byName = new java.util.HashMap<>();
        Map<Command, String> names = new java.util.HashMap<>();
        for (CommandDefinition c : dictionary.commands()) {
            if (c.request() && c.abbreviation() != null && !c.abbreviation().isBlank()) {
                Command command = new Command(c.applicationId(), c.code());
                byName.computeIfAbsent(c.abbreviation(), k -> new HashSet<>()).add(command);
                names.put(command, c.abbreviation());
            }
        }
        Map<PeerKind, Map<Role, Set<Command>>> allowed = new EnumMap<>(PeerKind.class);
        for (String key : new TreeSet<>(lines.stringPropertyNames())) {
            String[] parts = key.split("\\.to\\.");
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + key + "': write SENDER.to.RECEIVER = COMMAND, ...");
            }
            PeerKind sender = kind(parts[0], key);
            Role receiver = role(parts[1], key);
            Set<Command> commands = allowed.computeIfAbsent(sender, k -> new EnumMap<>(Role.class))
                    .computeIfAbsent(receiver, k -> new HashSet<>());
            for (String name : lines.getProperty(key).split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                Set<Command> named = byName.get(name.strip());
                if (named == null) {
                    throw new IllegalArgumentException("'" + key + "': no request command " + name.strip() + " in the dictionary");
                }
                commands.addAll(named);
            }
        }
        return new PeerPolicy(allowed, names);
    }

    private static PeerKind kind(String name, String key) {
        try {
            return PeerKind.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "': unknown sender " + name + " (one of " + List.of(PeerKind.values()) + ")");
        }
    }

    private static Role role(String name, String key) {
        try {
            return Role.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "': unknown receiver " + name + " (one of " + List.of(Role.values()) + ")");
        }
    }
}
