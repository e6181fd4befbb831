/**
 * The domain state of Mobile IP registration (RFC 4004, RFC 5944): who the subscribers are, which
 * home address each mobile node holds, and the home agent's mobility bindings, plus the replay check
 * of the Identification field.
 *
 * <p>Only the message ends see jDiameter types: the request handlers ({@code AmrHandler},
 * {@code HarHandler}, {@code StrHandler}) decode a message, ask the domain classes, and answer;
 * {@code SessionTermination} sends the home agent's STR when a binding ends. The domain classes see
 * none. The state lives in Infinispan caches ({@link org.mipaaa.registration.RegistrationCaches})
 * behind small interfaces; every cache value is a {@code String} this package encodes itself, so a
 * local cache with a file store today and a distributed cache of a scaled-out AAAH tomorrow need the
 * same code and no marshalling configuration.
 */
package org.mipaaa.registration;

