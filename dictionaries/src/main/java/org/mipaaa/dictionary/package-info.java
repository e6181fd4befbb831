/**
 * DIAMETER dictionaries of mip-aaa, as data and as constants, with no dependency beyond the JDK.
 *
 * <p>{@code jdiameter-dictionary.xml} (jDiameter's format) is the source of truth: {@link
 * org.mipaaa.dictionary.Dictionary} reads it into a model (codes, types, flags, occurrence rules), the
 * constant classes ({@link org.mipaaa.dictionary.AvpCodes}, {@link org.mipaaa.dictionary.CommandCodes},
 * ...) are tested against it, and {@link org.mipaaa.dictionary.WiresharkDictionaryWriter} renders the
 * vendor application for Wireshark. The carrier-specific Vendor-Id and Application-Id come from
 * {@link org.mipaaa.dictionary.VendorSettings}. Protocol description: docs/PROTOCOL.md.
 */
package org.mipaaa.dictionary;
