package org.mipaaa.presence;

import java.net.URI;
import java.util.Objects;

/**
 * A WWW server registered in advance for presence notifications (seed S2011): where to POST, and the
 * key shared with it.
 *
 * @param id  its name in presence.properties, sent as the key id
 * @param url the URL notifications are POSTed to (http or https)
 * @param key the HMAC-SHA256 key shared with it (at least 16 bytes)
 */
public record WwwServer(String id, URI url, byte[] key) {

    public WwwServer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("WWW server " + id + ": not an http(s) URL: " + url);
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("WWW server " + id + ": key shorter than 16 bytes");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "WwwServer[" + id + " " + url + "]"; // never the key
    }
}
