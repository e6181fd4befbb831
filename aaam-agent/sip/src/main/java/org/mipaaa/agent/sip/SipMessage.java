package org.mipaaa.agent.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SIP message as text (RFC 3261 §7): start line, headers, body. Parsing accepts the compact header
 * forms (§7.3.3) and folds nothing else; it is meant for the few messages of one call, not for a proxy.
 *
 * <p>Immutable once parsed, so thread-safe.
 */
public final class SipMessage {

    private static final Map<String, String> COMPACT = Map.of("i", "call-id", "f", "from", "t", "to", "v", "via",
            "l", "content-length", "m", "contact", "c", "content-type");

    /** The largest message taken: a UDP datagram. */
    static final int MAX_LENGTH = 65_535;
    /** The most headers taken in one message. */
    static final int MAX_HEADERS = 100;

    private final String startLine;
    /** Header name (lower case, long form) and value, in order. */
    private final List<String[]> headers;
    private final String body;

    private SipMessage(String startLine, List<String[]> headers, String body) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The message in {@code octets}; a {@link MalformedSipException} for what is not one: more than
     * {@value #MAX_LENGTH} octets or {@value #MAX_HEADERS} headers, a line with a bare CR, LF or NUL (it
     * could end a header when copied into another message), a folded line, a value longer than
     * {@link SipText#MAX_HEADER_VALUE_LENGTH}.
     */
    public static SipMessage parse(byte[] octets, int length) throws MalformedSipException {
        if (length < 0 || length > MAX_LENGTH || length > octets.length) {
            throw new MalformedSipException("a message of " + length + " octets");
        }
        String text = new String(octets, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new MalformedSipException("no empty line after the headers");
        }
        String[] lines = text.substring(0, end).split("\r\n", -1);
        if (lines.length - 1 > MAX_HEADERS) {
            throw new MalformedSipException("more than " + MAX_HEADERS + " headers");
        }
        for (String line : lines) {
            if (!SipText.isHeaderValue(line)) {
                throw new MalformedSipException("a line with a bare CR, LF or NUL, or longer than " + SipText.MAX_HEADER_VALUE_LENGTH);
            }
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t') {
                throw new MalformedSipException("not a header line (folded lines are not accepted): " + lines[i]);
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.add(new String[] {COMPACT.getOrDefault(name, name), lines[i].substring(colon + 1).trim()});
        }
        return new SipMessage(lines[0], headers, text.substring(end + 4));
    }

    public String startLine() {
        return startLine;
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    /** The status code of a response. */
    public int status() throws MalformedSipException {
        String[] parts = startLine.split(" ", 3);
        try {
            int status = Integer.parseInt(parts[1]);
            if (status < 100 || status > 699) {
                throw new MalformedSipException("status out of range: " + startLine);
            }
            return status;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new MalformedSipException("not a status line: " + startLine);
        }
    }

    /** The method of a request ("INVITE"). */
    public String method() {
        return startLine.split(" ", 2)[0];
    }

    /** The first value of a header (case-insensitive name). */
    public Optional<String> header(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h[0].equals(n)).map(h -> h[1]).findFirst();
    }

    /** Every value of a header, in order (Via, for a response). */
    public List<String> headers(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return java.util.Collections.unmodifiableList(headers.stream().filter(h -> h[0].equals(n)).map(h -> h[1]).collect(java.util.stream.Collectors.toList()));
    }

    /** The method of the CSeq header ("INVITE" of "1 INVITE"), or empty. */
    public String cseqMethod() {
        String cseq = header("CSeq").orElse("");
        int space = cseq.indexOf(' ');
        return space < 0 ? "" : cseq.substring(space + 1).trim();
    }

    public String body() {
        return body;
    }

    /** The URI inside the name-addr of a header value: what is between '<' and '>', or the value up to ';'. */
    static String uri(String nameAddr) {
        int lt = nameAddr.indexOf('<');
        int gt = nameAddr.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            return nameAddr.substring(lt + 1, gt);
        }
        int semicolon = nameAddr.indexOf(';');
        return semicolon < 0 ? nameAddr : nameAddr.substring(0, semicolon);
    }
}
