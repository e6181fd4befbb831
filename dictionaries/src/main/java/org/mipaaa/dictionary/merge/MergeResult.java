package org.mipaaa.dictionary.merge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.w3c.dom.Document;

/**
 * The outcome of a merge: its report and, unless it was refused, the carrier's dictionary with ours
 * added, ready for jDiameter ({@code DictionarySingleton.getDictionary(InputStream)}) or to be saved as
 * the stack's {@code dictionary.xml}.
 */
@org.mipaaa.dictionary.CarrierTool
public final class MergeResult {

    private final MergeReport report;
    private final Document merged;

    MergeResult(MergeReport report, Document merged) {
        this.report = Objects.requireNonNull(report, "report");
        this.merged = merged;
    }

    public MergeReport report() {
        return report;
    }

    /** True when conflicts stopped the merge; then there is no document. */
    public boolean refused() {
        return merged == null;
    }

    /** The merged document (a live DOM: callers that change it change only their copy of the result). */
    public Optional<Document> document() {
        return Optional.ofNullable(merged);
    }

    /**
     * Writes the merged dictionary as UTF-8 XML, laid out as the carrier's file was; the stream is not closed.
     *
     * @throws IllegalStateException when the merge was refused
     */
    public void writeTo(OutputStream out) {
        try {
            out.write(toXml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The merged dictionary as UTF-8 bytes. */
    public byte[] toBytes() {
        return toXml().getBytes(StandardCharsets.UTF_8);
    }

    /** The merged dictionary as text. */
    public String toXml() {
        if (merged == null) {
            throw new IllegalStateException("the merge was refused:\n" + report);
        }
        return DomWriter.write(merged);
    }
}
