package org.mipaaa.dictionary;

/**
 * A dictionary file that jDiameter would misread: an undefined grouped member or command AVP, a
 * missing code or vendor, an unknown type or multiplicity... jDiameter only logs such faults (at
 * debug level) and silently drops the AVP or command from validation, so this model refuses them.
 */
public final class DictionaryFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A fault found in the dictionary XML. */
    public DictionaryFormatException(String message) {
        super(message);
    }

    /** A fault found in the dictionary XML, caused by a parser or number error. */
    public DictionaryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
