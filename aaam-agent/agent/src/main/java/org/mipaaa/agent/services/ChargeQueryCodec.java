package org.mipaaa.agent.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The Charge-Query-Request the agent sends and the Charge-Query-Answer it reads (docs/PROTOCOL.md §4.6):
 * the AVPs only; signing and checking the answer's authenticator are {@link AaamAgent}'s. Public so
 * that a node's tests can read its own answers the way the agent does.
 *
 * <p>Stateless (static members only): thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class ChargeQueryCodec {

    private ChargeQueryCodec() {
    }

    /** The CQR of {@code nai} for {@code period}, unsigned and without identifiers. */
    public static DiameterMessage request(VendorSettings vendor, String sessionId, String originHost, String originRealm,
                                   String nai, String period) {
        List<Avp> avps = ServiceRequestHeader.of(vendor, sessionId, originHost, originRealm, nai);
        avps.add(Avp.utf8(VendorAvpCodes.BILLING_PERIOD, vendor.vendorId(), period));
        return DiameterMessage.request(CommandCodes.CHARGE_QUERY, vendor.accountingServicesApplicationId(), true, avps);
    }

    /** The realm of a NAI: what follows its last '@'. */
    static String realmOf(String nai) {
        int at = nai.lastIndexOf('@');
        if (at < 0 || at == nai.length() - 1) {
            throw new IllegalArgumentException("NAI without a realm: " + nai);
        }
        return nai.substring(at + 1);
    }

    /** The charges of a successful CQA. */
    public static CommunicationCharges answer(DiameterMessage cqa, long vendorId) throws MalformedMessageException {
        String period = Values.require(cqa.avps(), VendorAvpCodes.BILLING_PERIOD, vendorId, "Billing-Period").asUtf8();
        List<ChargeEntry> entries = new ArrayList<>();
        for (Avp avp : cqa.avps()) {
            if (avp.code() == VendorAvpCodes.CHARGE_ENTRY && avp.vendorId() == vendorId) {
                entries.add(entry(avp.asGrouped(), vendorId));
            }
        }
        Amount total = Values.money(Values.require(cqa.avps(), AvpCodes.CC_MONEY, "CC-Money").asGrouped());
        List<TariffLine> tariffs = new ArrayList<>();
        for (Avp avp : cqa.avps()) {
            if (avp.code() == AvpCodes.COST_INFORMATION && avp.vendorId() == 0) {
                List<Avp> members = avp.asGrouped();
                tariffs.add(new TariffLine(Values.money(members),
                        Values.find(members, AvpCodes.COST_UNIT).map(Avp::asUtf8).orElse("")));
            }
        }
        return new CommunicationCharges(period, entries, total, tariffs);
    }

    private static ChargeEntry entry(List<Avp> m, long vendorId) throws MalformedMessageException {
        int kind = Values.integer32(Values.require(m, VendorAvpCodes.ENTRY_KIND, vendorId, "Entry-Kind"));
        int state = Values.integer32(Values.require(m, VendorAvpCodes.ENTRY_STATE, vendorId, "Entry-State"));
        ChargeEntry.Kind k;
        if (kind == Enumerations.ENTRY_KIND_COMMUNICATION_FEE) {
            k = ChargeEntry.Kind.COMMUNICATION_FEE;
        } else if (kind == Enumerations.ENTRY_KIND_TRANSFERRED_CHARGE) {
            k = ChargeEntry.Kind.TRANSFERRED_CHARGE;
        } else {
            throw new MalformedMessageException("Entry-Kind " + kind);
        }
        ChargeEntry.State s;
        if (state == Enumerations.ENTRY_STATE_VALID) {
            s = ChargeEntry.State.VALID;
        } else if (state == Enumerations.ENTRY_STATE_INVALIDATED) {
            s = ChargeEntry.State.INVALIDATED;
        } else {
            throw new MalformedMessageException("Entry-State " + state);
        }
        Optional<ChargeEntry.Usage> usage = Optional.empty();
        if (k == ChargeEntry.Kind.COMMUNICATION_FEE) {
            usage = Optional.of(new ChargeEntry.Usage(
                    Values.unsigned32(Values.require(m, AvpCodes.ACCT_SESSION_TIME, "Acct-Session-Time")),
                    Values.integer64(Values.require(m, AvpCodes.ACCOUNTING_INPUT_OCTETS, "Accounting-Input-Octets")),
                    Values.integer64(Values.require(m, AvpCodes.ACCOUNTING_OUTPUT_OCTETS, "Accounting-Output-Octets")),
                    Values.integer64(Values.require(m, AvpCodes.ACCOUNTING_INPUT_PACKETS, "Accounting-Input-Packets")),
                    Values.integer64(Values.require(m, AvpCodes.ACCOUNTING_OUTPUT_PACKETS, "Accounting-Output-Packets"))));
        }
        List<String> goods = new ArrayList<>();
        for (Avp a : m) {
            if (a.code() == VendorAvpCodes.GOODS_DESCRIPTION && a.vendorId() == vendorId) {
                goods.add(a.asUtf8());
            }
        }
        return new ChargeEntry(
                Values.time(Values.require(m, AvpCodes.EVENT_TIMESTAMP, "Event-Timestamp")), k, s,
                Values.money(Values.require(m, AvpCodes.CC_MONEY, "CC-Money").asGrouped()), usage,
                Values.find(m, VendorAvpCodes.PAYEE_ID, vendorId).map(Avp::asUtf8),
                Values.find(m, VendorAvpCodes.SETTLEMENT_ID, vendorId).map(Avp::asUtf8), goods);
    }
}
