/**
 * The domain state of Mobile IP registration (RFC 4004, RFC 5944): who the subscribers are, which
 * home address each mobile node holds, and the home agent's mobility bindings, plus the replay check
 * of the Identification field.
 *
 * <p>No jDiameter type appears here: the request handlers decode a message, ask these classes, and
 * answer. The state lives in Infinispan caches ({@link org.mipaaa.registration.RegistrationCaches})
 * behind small interfaces; every cache value is a {@code String} this package encodes itself, so a
 * local cache with a file store today and a distributed cache of a scaled-out AAAH tomorrow need the
 * same code and no marshalling configuration.
 */
package org.mipaaa.registration;
