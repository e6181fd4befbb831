package org.mipaaa.diameter;

/**
 * Why a request cannot be served: the Result-Code of the answer, a message for Error-Message and, where
 * RFC 6733 §7.5 asks for one, the Failed-AVP content.
 */
public record ValidationFailure(int resultCode, String errorMessage, FailedAvp failedAvp) {
}
