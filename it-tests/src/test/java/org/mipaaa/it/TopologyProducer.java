package org.mipaaa.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * Gives Arquillian tests the whole topology (every role) as a CDI bean: started once per test class
 * deployment, stopped (DPR to every peer) when the deployment is undeployed.
 */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @ApplicationScoped
    TopologyFixture topology() throws Exception {
        return new TopologyFixture().startAll();
    }

    void stop(@Disposes TopologyFixture fixture) {
        fixture.close();
    }
}
