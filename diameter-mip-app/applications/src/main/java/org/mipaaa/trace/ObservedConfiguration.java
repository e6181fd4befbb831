package org.mipaaa.trace;

/** A jDiameter configuration that carries the observer {@link TracingMessageParser} reports to. */
public interface ObservedConfiguration {
    MessageObserver messageObserver();
}
