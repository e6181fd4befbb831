/**
 * Merging mip-aaa's dictionary into the jDiameter dictionary a carrier already runs: jDiameter keeps
 * one dictionary per JVM, and a second {@code configure} replaces the first, so our applications must
 * be added to the carrier's file rather than loaded beside it. {@link
 * org.mipaaa.dictionary.merge.DictionaryMerger} is the API (streams in, document and report out),
 * {@link org.mipaaa.dictionary.merge.MergeDictionary} the command. Conflicting definitions are reported
 * with both sides and refused unless a {@link org.mipaaa.dictionary.merge.Resolution} names the winner.
 * docs/DICTIONARIES.md describes it for operators.
 */
package org.mipaaa.dictionary.merge;
