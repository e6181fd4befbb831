package org.mipaaa.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.mipaaa.agent.confirmation.AnswerSigner;
import org.mipaaa.agent.confirmation.ConfirmationOutcome;
import org.mipaaa.agent.confirmation.ConfirmationResponder;
import org.mipaaa.agent.confirmation.Correspondent;
import org.mipaaa.agent.confirmation.CorrespondentConfirmation;
import org.mipaaa.agent.confirmation.IssuedConfirmations;
import org.mipaaa.agent.confirmation.TerminalIdentity;
import org.mipaaa.agent.confirmation.TerminalKeys;
import org.mipaaa.agent.confirmation.UdpConfirmationResponder;
import org.mipaaa.agent.sip.CallResult;
import org.mipaaa.agent.sip.ConfirmedCallSetup;
import org.mipaaa.agent.sip.SipCallee;
import org.mipaaa.agent.sip.SipCaller;
import org.mipaaa.dictionary.ConfirmationProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code confirmation}: correspondent confirmation by hand (seed Figs. 21-22, docs/PROTOCOL.md §11)
 * with the {@code aaam-agent} library: make a terminal's keys, run a terminal that answers, ask one.
 */
@Command(name = "confirmation", mixinStandardHelpOptions = true,
        description = "Correspondent confirmation before call setup (seed S3001-S3014): keys, a terminal, a caller.",
        subcommands = {ConfirmationCommand.Keys.class, ConfirmationCommand.Terminal.class, ConfirmationCommand.Call.class})
final class ConfirmationCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code confirmation keys}: an Ed25519 key pair for a terminal, as PEM. */
    @Command(name = "keys", mixinStandardHelpOptions = true, description = "Write a terminal's Ed25519 key pair (terminal.key, terminal.pub).")
    static final class Keys implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Directory to write into.")
        private Path out;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            TerminalKeys.write(AnswerSigner.generateKeyPair(), out.resolve("terminal.key"), out.resolve("terminal.pub"));
            System.out.println("Wrote " + out.resolve("terminal.key") + " (keep it on the terminal) and " + out.resolve("terminal.pub")
                    + " (give it to callers)");
            return 0;
        }
    }

    /** {@code confirmation terminal}: answer confirmation requests (and calls) as a terminal. */
    @Command(name = "terminal", mixinStandardHelpOptions = true, description = "Answer confirmation requests as a terminal until stopped.")
    static final class Terminal implements Callable<Integer> {
        @Option(names = "--listen", defaultValue = "127.0.0.1", description = "Address to answer on (default: ${DEFAULT-VALUE}).")
        private String listen;
        @Option(names = "--port", defaultValue = "" + ConfirmationProtocol.DEFAULT_UDP_PORT, description = "UDP port (default: ${DEFAULT-VALUE}).")
        private int port;
        @Option(names = "--host", required = true, description = "This terminal's host name.")
        private String host;
        @Option(names = "--user", description = "The user now using this terminal (user name or NAI).")
        private String user;
        @Option(names = "--key", description = "PEM file of this terminal's Ed25519 private key: answers are signed.")
        private Path key;
        @Option(names = "--sip-port", description = "Also answer SIP calls on this UDP port, accepting only IDs this terminal issued.")
        private Integer sipPort;
        @Option(names = "--validity", defaultValue = "30", description = "Seconds an issued ID stays valid (default: ${DEFAULT-VALUE}).")
        private long validity;
        @Option(names = "--duration", description = "Stop after this many seconds (default: run until killed).")
        private Long duration;

        @Override
        public Integer call() throws Exception {
            Clock clock = Clock.systemUTC();
            Optional<AnswerSigner> signer = key == null ? Optional.empty() : Optional.of(new AnswerSigner(TerminalKeys.readPrivateKey(key)));
            ConfirmationResponder responder = new ConfirmationResponder(new TerminalIdentity(host, Optional.ofNullable(user)),
                    new IssuedConfirmations(clock, Duration.ofSeconds(validity), 10_000), signer, clock, 10_000);
            InetAddress address = InetAddress.getByName(listen);
            try (UdpConfirmationResponder answering = UdpConfirmationResponder.start(responder, new InetSocketAddress(address, port));
                 SipCallee callee = sipPort == null ? null : SipCallee.start(new InetSocketAddress(address, sipPort), responder.issued()::redeem)) {
                System.out.println("Terminal " + host + (user == null ? "" : " used by " + user) + " answers confirmations on "
                        + answering.address() + (signer.isPresent() ? ", signed" : "") + (callee == null ? "" : "; SIP calls on " + callee.address()));
                try {
                    Thread.sleep(duration == null ? Long.MAX_VALUE : duration * 1000);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt(); // asked to stop: close the sockets and end normally
                }
            }
            return 0;
        }
    }

    /** {@code confirmation call}: confirm a correspondent and, with --sip-port, call it. */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = "Ask the terminal at an address whether it is the expected host (and user); with --sip-port, call it only when it is. "
                    + "Exit 0 when confirmed (and the call went through), 1 otherwise.")
    static final class Call implements Callable<Integer> {
        @Option(names = "--to", required = true, description = "The address resolved for the correspondent.")
        private String to;
        @Option(names = "--port", defaultValue = "" + ConfirmationProtocol.DEFAULT_UDP_PORT, description = "Its confirmation port (default: ${DEFAULT-VALUE}).")
        private int port;
        @Option(names = "--host", required = true, description = "The host name expected there.")
        private String host;
        @Option(names = "--user", description = "The user name or NAI expected to be using it.")
        private String user;
        @Option(names = "--key", description = "PEM file of the expected terminal's public key or certificate: only an OK signed with it counts.")
        private Path key;
        @Option(names = "--sip-port", description = "Call the correspondent's SIP UAS on this UDP port after an OK.")
        private Integer sipPort;
        @Option(names = "--from", defaultValue = "sip:caller@localhost", description = "The caller's SIP URI (default: ${DEFAULT-VALUE}).")
        private String from;

        @Override
        public Integer call() throws Exception {
            CorrespondentConfirmation confirmation = CorrespondentConfirmation.withDefaults();
            if (key != null) {
                confirmation = confirmation.requiringSignatureOf(TerminalKeys.readPublicKey(key));
            }
            InetAddress address = InetAddress.getByName(to);
            InetSocketAddress confirmationAddress = new InetSocketAddress(address, port);
            if (sipPort == null) {
                ConfirmationOutcome outcome = confirmation.confirm(confirmationAddress, host, Optional.ofNullable(user));
                System.out.println(outcome.describe());
                return outcome instanceof ConfirmationOutcome.Confirmed ? 0 : 1;
            }
            InetSocketAddress sip = new InetSocketAddress(address, sipPort);
            String uri = "sip:" + (user == null ? "" : user.replaceAll("@.*", "") + "@") + address.getHostAddress() + ":" + sipPort;
            ConfirmedCallSetup.Result result = new ConfirmedCallSetup(confirmation, SipCaller.withDefaults())
                    .call(new Correspondent(confirmationAddress, sip, uri, host, Optional.ofNullable(user)),
                            from);
            System.out.println(result.describe());
            return result instanceof ConfirmedCallSetup.CallPlaced placed && placed.call() instanceof CallResult.Completed ? 0 : 1;
        }
    }
}
