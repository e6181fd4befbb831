package org.mipaaa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.RequestDispatcher;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The node's shipped logback.xml: a terminal gets the text layout; MIP_AAA_LOG_FORMAT=JSON gets one
 * JSON object per line, with the Session-Id, command, peer and result of the request being served as
 * fields of their own.
 */
class LogFormatTest {

    private final PrintStream stderr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private LoggerContext context;

    @AfterEach
    void restore() {
        if (context != null) {
            context.stop();
        }
        System.setErr(stderr);
        MDC.clear();
    }

    private String logOneLineWith(String format) throws Exception {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the MDC the node's code writes to
        if (format != null) {
            context.putProperty("MIP_AAA_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL shipped = getClass().getResource("/logback.xml");
        assertThat(shipped).as("the node's logback.xml").isNotNull();
        configurator.doConfigure(shipped);
        Logger log = context.getLogger("org.mipaaa.aaah.registration.AmrHandler");
        MDC.put(RequestDispatcher.LOG_SESSION, "aaaf.visited.example;1;7");
        MDC.put(RequestDispatcher.LOG_COMMAND, "260");
        MDC.put(RequestDispatcher.LOG_PEER, "aaaf.visited.example");
        MDC.put(RequestDispatcher.LOG_RESULT, "5003");
        log.warn("AMR for {}: refused", "mn1@home.example");
        String all = captured.toString(StandardCharsets.UTF_8);
        return all.lines().filter(l -> l.contains("refused")).findFirst().orElseThrow(() -> new AssertionError("not logged: " + all
                + " status: " + context.getStatusManager().getCopyOfStatusList()));
    }

    @Test
    void aTerminalGetsTheTextLayout() throws Exception {
        String line = logOneLineWith(null);

        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[.*] .*AmrHandler - AMR for mn1@home.example: refused");
    }

    @Test
    void aLogCollectorGetsJsonWithTheRequestsFields() throws Exception {
        String line = logOneLineWith("JSON");

        assertThat(line).startsWith("{").endsWith("}");
        assertThat(line).contains("\"level\":\"WARN\"", "\"loggerName\":\"org.mipaaa.aaah.registration.AmrHandler\"",
                "\"formattedMessage\":\"AMR for mn1@home.example: refused\"",
                "\"session\":\"aaaf.visited.example;1;7\"", "\"command\":\"260\"", "\"peer\":\"aaaf.visited.example\"",
                "\"result\":\"5003\"");
    }
}
