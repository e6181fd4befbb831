/**
 * Our dictionary for the other DIAMETER stacks interop labs use, from the same model and with the
 * carrier's Vendor-Id and Application-Id: freeDiameter's dict_legacy_xml format ({@link
 * org.mipaaa.dictionary.export.FreeDiameterXmlWriter}) and Erlang/OTP diameter's .dia files ({@link
 * org.mipaaa.dictionary.export.ErlangDiaWriter}); {@link org.mipaaa.dictionary.export.ExportDictionaries}
 * writes them, and the jDiameter and Wireshark files, in one go. docs/DICTIONARIES.md.
 */
package org.mipaaa.dictionary.export;
