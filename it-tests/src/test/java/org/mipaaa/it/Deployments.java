package org.mipaaa.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The archives Arquillian deploys into the embedded Weld container. */
final class Deployments {

    private Deployments() {
    }

    /** The topology fixture as a CDI bean; the node classes come from the test class path. */
    static JavaArchive topology() {
        return ShrinkWrap.create(JavaArchive.class, "topology.jar")
                .addClasses(TopologyProducer.class, TopologyFixture.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
