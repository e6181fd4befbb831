package org.mipaaa.it.interop;

/**
 * {@link FreeDiameterRelayTest} with TLS links between freeDiameter 1.2.1 and our AAAF and AAAH (RFC 6733
 * §13: the handshake first, then CER/CEA), mutual authentication by certificates of one lab CA: the same
 * registration, accounting, services and end of visit through the relay.
 */
class FreeDiameterTlsRelayTest extends FreeDiameterRelayTest {

    @Override
    boolean overTls() {
        return true;
    }
}
