package org.mipaaa.dictionary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A type of this jar that runs on a carrier's machine (merging into a jDiameter dictionary, exports for
 * freeDiameter and Erlang), never on a mobile node: the build's check that the library calls only APIs
 * Android 8 has (animal-sniffer, API level 26) leaves it out.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CarrierTool {
}
