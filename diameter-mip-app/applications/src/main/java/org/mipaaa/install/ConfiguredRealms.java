package org.mipaaa.install;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.jdiameter.api.Realm;
import org.jdiameter.client.api.controller.IRealm;
import org.jdiameter.client.api.controller.IRealmTable;

/**
 * The realms a peer may write as its Origin-Realm: the domain of its DiameterIdentity, which its
 * certificate names (mn1.home.example: home.example), and those the carrier's jdiameter.xml lists it
 * under ({@code <Realm peers="...">}). Read from the realm table at each call, which a
 * carrier may change at run time.
 */
final class ConfiguredRealms implements Function<String, Set<String>> {

    private final IRealmTable table;

    ConfiguredRealms(IRealmTable table) {
        this.table = table;
    }

    @Override
    public Set<String> apply(String peer) {
        Set<String> realms = new TreeSet<>();
        for (Realm realm : table.getRealms()) {
            if (realm instanceof IRealm listed) {
                for (String name : listed.getPeerNames()) {
                    if (name.equalsIgnoreCase(peer)) {
                        realms.add(realm.getName().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        int dot = peer.indexOf('.');
        if (dot > 0 && dot < peer.length() - 1) {
            realms.add(peer.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
        return realms;
    }
}
