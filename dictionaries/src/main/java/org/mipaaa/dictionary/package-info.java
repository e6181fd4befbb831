/**
 * DIAMETER dictionaries of mip-aaa, as data and as constants, with no dependency beyond the JDK.
 *
 * <p>{@code jdiameter-dictionary.xml} (jDiameter's format) is the source of truth: {@link
 * org.mipaaa.dictionary.Dictionary} reads it into a model (codes, types, flags, occurrence rules), the
 * constant classes ({@link org.mipaaa.dictionary.AvpCodes}, {@link org.mipaaa.dictionary.CommandCodes},
 * ...) are tested against it, and {@link org.mipaaa.dictionary.WiresharkDictionaryWriter} renders the
 * vendor application for Wireshark. {@link org.mipaaa.dictionary.DictionaryFragment} is our part of it
 * without the RFC 6733 base ({@link org.mipaaa.dictionary.BaseProtocol}), which
 * {@code org.mipaaa.dictionary.merge} adds to a carrier's jDiameter dictionary and
 * {@code org.mipaaa.dictionary.export} writes for freeDiameter and Erlang/OTP. The carrier-specific
 * Vendor-Id and Application-Id come from {@link org.mipaaa.dictionary.VendorSettings}. Protocol
 * description: docs/PROTOCOL.md; the dictionaries and their exports: docs/DICTIONARIES.md.
 */
package org.mipaaa.dictionary;
