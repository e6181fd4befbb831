package org.mipaaa.conformance;

import java.io.IOException;

import org.jdiameter.api.IllegalDiameterStateException;
import org.jdiameter.api.InternalException;
import org.jdiameter.api.Message;
import org.jdiameter.api.OverloadException;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.client.api.io.TransportException;

/**
 * A peer's side of its state machine, jDiameter's, but for what it receives, which goes through
 * {@link ConformingPeerTable#receive} (a request for a host that is no peer is forwarded by realm).
 */
final class ReceivingContext implements IContext {

    private final IContext peer;
    private final ConformingPeerTable peers;

    ReceivingContext(IContext peer, ConformingPeerTable peers) {
        this.peer = peer;
        this.peers = peers;
    }

    @Override
    public boolean receiveMessage(IMessage message) {
        return peers.receive(message, peer);
    }

    @Override
    public void connect() throws InternalException, IOException, IllegalDiameterStateException {
        peer.connect();
    }

    @Override
    public void disconnect() throws InternalException, IllegalDiameterStateException {
        peer.disconnect();
    }

    @Override
    public boolean sendMessage(IMessage message) throws TransportException, OverloadException {
        return peer.sendMessage(message);
    }

    @Override
    public void sendCerMessage() throws TransportException, OverloadException {
        peer.sendCerMessage();
    }

    @Override
    public void sendCeaMessage(int resultCode, Message cer, String errorMessage) throws TransportException, OverloadException {
        peer.sendCeaMessage(resultCode, cer, errorMessage);
    }

    @Override
    public void sendDwrMessage() throws TransportException, OverloadException {
        peer.sendDwrMessage();
    }

    @Override
    public void sendDwaMessage(IMessage dwr, int resultCode, String errorMessage) throws TransportException, OverloadException {
        peer.sendDwaMessage(dwr, resultCode, errorMessage);
    }

    @Override
    public void sendDprMessage(int disconnectCause) throws TransportException, OverloadException {
        peer.sendDprMessage(disconnectCause);
    }

    @Override
    public void sendDpaMessage(IMessage dpr, int resultCode, String errorMessage) throws TransportException, OverloadException {
        peer.sendDpaMessage(dpr, resultCode, errorMessage);
    }

    @Override
    public int processDwrMessage(IMessage dwr) {
        return peer.processDwrMessage(dwr);
    }

    @Override
    public int processDprMessage(IMessage dpr) {
        return peer.processDprMessage(dpr);
    }

    @Override
    public boolean processCeaMessage(String key, IMessage cea) {
        return peer.processCeaMessage(key, cea);
    }

    @Override
    public int processCerMessage(String key, IMessage cer) {
        return peer.processCerMessage(key, cer);
    }

    @Override
    public boolean isRestoreConnection() {
        return peer.isRestoreConnection();
    }

    @Override
    public boolean isConnected() {
        return peer.isConnected();
    }

    @Override
    public String getPeerDescription() {
        return peer.getPeerDescription();
    }

    @Override
    public void removeStatistics() {
        peer.removeStatistics();
    }

    @Override
    public void createStatistics() {
        peer.createStatistics();
    }
}
