package org.mipaaa.diameter;

import org.jdiameter.api.Request;

/** Decides where a request from the network goes (the node's trust boundary and its roles). */
@FunctionalInterface
public interface Router {
    Route route(Request request);
}
