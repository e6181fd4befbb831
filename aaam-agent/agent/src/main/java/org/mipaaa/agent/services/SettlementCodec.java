package org.mipaaa.agent.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The agent's side of settlement (docs/PROTOCOL.md §4.2 SER/SEA, §4.3 UCR/UCA, §4.5 SCR/SCA): the AVPs
 * it sends and reads, and what an unsuccessful answer means. Signing and checking the authenticator are
 * {@link AaamAgent}'s. Public so that a node's tests can build and read these messages as the agent does.
 *
 * <p>Stateless (static members only): thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class SettlementCodec {

    /** Seconds from 1900-01-01 (the NTP epoch of Time AVPs) to 1970-01-01. */
    private static final long NTP_TO_UNIX = 2_208_988_800L;

    private SettlementCodec() {
    }

    /** The SER of {@code nai} paying {@code info} in {@code mode}, unsigned, without identifiers. */
    public static DiameterMessage request(VendorSettings vendor, String sessionId, String originHost, String originRealm,
                                          String nai, PurchaseInfo info, SettlementMode mode) {
        long vendorId = vendor.vendorId();
        List<Avp> avps = ServiceRequestHeader.of(vendor, sessionId, originHost, originRealm, nai);
        avps.add(purchaseInfo(info, vendorId));
        avps.add(Avp.unsigned32(VendorAvpCodes.SETTLEMENT_MODE, vendorId, mode.code()));
        info.terminalHost().ifPresent(t -> avps.add(Avp.utf8(VendorAvpCodes.TERMINAL_HOST, vendorId, t)));
        avps.add(Avp.unsigned32(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_DIRECT_DEBITING));
        return DiameterMessage.request(CommandCodes.SETTLEMENT, vendor.accountingServicesApplicationId(), true, avps);
    }

    /**
     * The SER asking what became of {@code settlementId}, which the AAAH answered CONFIRMATION_PENDING:
     * the same request with the Settlement-Id (docs/PROTOCOL.md §4.2), unsigned, without identifiers.
     */
    public static DiameterMessage outcomeRequest(VendorSettings vendor, String sessionId, String originHost, String originRealm,
                                                 String nai, PurchaseInfo info, SettlementMode mode, String settlementId) {
        long vendorId = vendor.vendorId();
        List<Avp> avps = ServiceRequestHeader.of(vendor, sessionId, originHost, originRealm, nai);
        avps.add(purchaseInfo(info, vendorId));
        avps.add(Avp.unsigned32(VendorAvpCodes.SETTLEMENT_MODE, vendorId, mode.code()));
        avps.add(Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, vendorId, settlementId));
        info.terminalHost().ifPresent(t -> avps.add(Avp.utf8(VendorAvpCodes.TERMINAL_HOST, vendorId, t)));
        avps.add(Avp.unsigned32(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_DIRECT_DEBITING));
        return DiameterMessage.request(CommandCodes.SETTLEMENT, vendor.accountingServicesApplicationId(), true, avps);
    }

    /** The Settlement-Id of a SEA (a CONFIRMATION_PENDING one names the settlement to ask about). */
    public static String settlementId(DiameterMessage sea, long vendorId) throws MalformedMessageException {
        return Values.require(sea.avps(), VendorAvpCodes.SETTLEMENT_ID, vendorId, "Settlement-Id").asUtf8();
    }

    /** The SCR of {@code nai} cancelling {@code settlementId}, unsigned, without identifiers. */
    public static DiameterMessage cancelRequest(VendorSettings vendor, String sessionId, String originHost, String originRealm,
                                                String nai, String settlementId) {
        List<Avp> avps = ServiceRequestHeader.of(vendor, sessionId, originHost, originRealm, nai);
        avps.add(Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, vendor.vendorId(), settlementId));
        avps.add(Avp.unsigned32(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_REFUND_ACCOUNT));
        return DiameterMessage.request(CommandCodes.SETTLEMENT_CANCEL, vendor.accountingServicesApplicationId(), true, avps);
    }


    /** Purchase-Info ::= { Payee-Id } { Order-Reference } * [ Goods-Description ] { CC-Money } [ Event-Timestamp ]. */
    static Avp purchaseInfo(PurchaseInfo info, long vendorId) {
        List<Avp> members = new ArrayList<>();
        members.add(Avp.utf8(VendorAvpCodes.PAYEE_ID, vendorId, info.payee()));
        members.add(Avp.utf8(VendorAvpCodes.ORDER_REFERENCE, vendorId, info.orderReference()));
        for (String line : info.goods()) {
            members.add(Avp.utf8(VendorAvpCodes.GOODS_DESCRIPTION, vendorId, line));
        }
        BigDecimal value = info.amount().value();
        members.add(Avp.grouped(AvpCodes.CC_MONEY, 0, List.of(
                Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(
                        Avp.unsigned64(AvpCodes.VALUE_DIGITS, 0, exactLong(value.unscaledValue())),
                        Avp.unsigned32(AvpCodes.EXPONENT, -value.scale()))),
                Avp.unsigned32(AvpCodes.CURRENCY_CODE, info.amount().currencyCode()))));
        info.time().ifPresent(t -> members.add(Avp.unsigned32(AvpCodes.EVENT_TIMESTAMP, t.getEpochSecond() + NTP_TO_UNIX)));
        return Avp.grouped(VendorAvpCodes.PURCHASE_INFO, vendorId, members);
    }

    /** Reads a Purchase-Info AVP's members; {@code terminalHost} comes from outside it. */
    static PurchaseInfo purchaseInfo(List<Avp> info, long vendorId, Optional<String> terminalHost) throws MalformedMessageException {
        List<String> goods = new ArrayList<>();
        for (Avp a : info) {
            if (a.code() == VendorAvpCodes.GOODS_DESCRIPTION && a.vendorId() == vendorId) {
                goods.add(a.asUtf8());
            }
        }
        Optional<Avp> time = Values.find(info, AvpCodes.EVENT_TIMESTAMP);
        return new PurchaseInfo(
                Values.require(info, VendorAvpCodes.PAYEE_ID, vendorId, "Payee-Id").asUtf8(),
                Values.require(info, VendorAvpCodes.ORDER_REFERENCE, vendorId, "Order-Reference").asUtf8(),
                goods,
                Values.money(Values.require(info, AvpCodes.CC_MONEY, "CC-Money").asGrouped()),
                time.isPresent() ? Optional.of(Values.time(time.get())) : Optional.empty(),
                terminalHost);
    }

    /** {@code v} as a long, or ArithmeticException when it does not fit (BigInteger.longValueExact is not in Android 8). */
    private static long exactLong(java.math.BigInteger v) {
        if (v.bitLength() > 63) {
            throw new ArithmeticException("the amount's digits do not fit in 64 bits: " + v);
        }
        return v.longValue();
    }

    /** The settlement a successful SEA reports for the purchase {@code paid}. */
    public static Settlement settlement(DiameterMessage sea, PurchaseInfo paid, SettlementMode mode, long vendorId)
            throws MalformedMessageException {
        String id = Values.require(sea.avps(), VendorAvpCodes.SETTLEMENT_ID, vendorId, "Settlement-Id").asUtf8();
        Optional<Avp> m = Values.find(sea.avps(), VendorAvpCodes.SETTLEMENT_MODE, vendorId);
        SettlementMode settled = m.isPresent() ? modeOf(Values.unsigned32(m.get())) : mode;
        Optional<Avp> time = Values.find(sea.avps(), AvpCodes.EVENT_TIMESTAMP);
        Optional<Instant> at = time.isPresent() ? Optional.of(Values.time(time.get())) : Optional.empty();
        return new Settlement(id, paid.payee(), paid.orderReference(), paid.amount(), settled, at);
    }

    /** What the AAAH asks to confirm in a UCR. */
    public static SettlementProposal proposal(DiameterMessage ucr, long vendorId) throws MalformedMessageException {
        String id = Values.require(ucr.avps(), VendorAvpCodes.SETTLEMENT_ID, vendorId, "Settlement-Id").asUtf8();
        List<Avp> info = Values.require(ucr.avps(), VendorAvpCodes.PURCHASE_INFO, vendorId, "Purchase-Info").asGrouped();
        long mode = Values.unsigned32(Values.require(ucr.avps(), VendorAvpCodes.SETTLEMENT_MODE, vendorId, "Settlement-Mode"));
        return new SettlementProposal(id, purchaseInfo(info, vendorId, Optional.empty()), modeOf(mode));
    }

    /**
     * The UCA to {@code ucr}, unsigned: 2001 with Confirmation-Result for {@code decision}, or, with
     * {@code decision} null, Experimental-Result {@code refusal} (5803, 5805).
     */
    public static DiameterMessage confirmationAnswer(DiameterMessage ucr, VendorSettings vendor, String originHost, String originRealm,
                                                     String nai, ConfirmationCallback.Decision decision, int refusal) {
        long vendorId = vendor.vendorId();
        List<Avp> avps = new ArrayList<>();
        ucr.find(AvpCodes.SESSION_ID).ifPresent(avps::add);
        avps.add(Avp.grouped(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, 0, List.of(
                Avp.unsigned32(AvpCodes.VENDOR_ID, vendorId),
                Avp.unsigned32(AvpCodes.AUTH_APPLICATION_ID, vendor.accountingServicesApplicationId()))));
        if (decision != null) {
            avps.add(Avp.unsigned32(AvpCodes.RESULT_CODE, ResultCodes.SUCCESS));
        } else {
            avps.add(Avp.grouped(AvpCodes.EXPERIMENTAL_RESULT, 0, List.of(
                    Avp.unsigned32(AvpCodes.VENDOR_ID, vendorId),
                    Avp.unsigned32(AvpCodes.EXPERIMENTAL_RESULT_CODE, refusal))));
        }
        avps.add(Avp.utf8(AvpCodes.ORIGIN_HOST, originHost));
        avps.add(Avp.utf8(AvpCodes.ORIGIN_REALM, originRealm));
        avps.add(Avp.unsigned32(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED));
        avps.add(Avp.utf8(AvpCodes.USER_NAME, nai));
        ucr.find(VendorAvpCodes.SETTLEMENT_ID, vendorId).ifPresent(avps::add);
        if (decision != null) {
            avps.add(Avp.unsigned32(VendorAvpCodes.CONFIRMATION_RESULT, vendorId, decision == ConfirmationCallback.Decision.OK
                    ? Enumerations.CONFIRMATION_RESULT_CONFIRMED : Enumerations.CONFIRMATION_RESULT_CANCELLED_BY_USER));
        }
        // RFC 6733 §6.2: the UCR's Proxy-Info AVPs, in their order (each proxy on the way back takes its own)
        ucr.avps().stream().filter(a -> a.code() == AvpCodes.PROXY_INFO && a.vendorId() == 0).forEach(avps::add);
        return DiameterMessage.answerTo(ucr, avps);
    }

    /** The cancellation a successful SCA reports. */
    public static Cancellation cancellation(DiameterMessage sca, String settlementId, long vendorId) throws MalformedMessageException {
        Amount refunded = Values.money(Values.require(sca.avps(), AvpCodes.CC_MONEY, "CC-Money").asGrouped());
        long state = Values.unsigned32(Values.require(sca.avps(), VendorAvpCodes.ENTRY_STATE, vendorId, "Entry-State"));
        if (state != Enumerations.ENTRY_STATE_INVALIDATED) {
            throw new MalformedMessageException("the SCA says Entry-State " + state + ", not INVALIDATED");
        }
        return new Cancellation(settlementId, refunded);
    }

    /** What an unsuccessful SEA or SCA ({@code code}: its Result-Code or Experimental-Result-Code) means to the mobile node. */
    public static ServiceException failure(DiameterMessage answer, long code, String what) {
        String said = answer.find(AvpCodes.ERROR_MESSAGE).map(a -> ": " + a.asUtf8()).orElse("");
        Optional<String> reporter = answer.find(AvpCodes.ERROR_REPORTING_HOST).map(Avp::asUtf8);
        String by = reporter.map(h -> " (reported by " + h + ")").orElse("");
        ServiceException.Failure failure;
        if (code == VendorResultCodes.AAAM_AUTHENTICATION_FAILED) {
            failure = ServiceException.Failure.AUTHENTICATION_FAILED;
        } else if (code == VendorResultCodes.USER_REJECTED) {
            failure = ServiceException.Failure.USER_REJECTED;
        } else if (code == VendorResultCodes.CONFIRMATION_TIMEOUT) {
            failure = ServiceException.Failure.CONFIRMATION_TIMEOUT;
        } else if (code == VendorResultCodes.UNKNOWN_SETTLEMENT) {
            failure = ServiceException.Failure.UNKNOWN_SETTLEMENT;
        } else if (code == VendorResultCodes.ALREADY_CANCELLED) {
            failure = ServiceException.Failure.ALREADY_CANCELLED;
        } else if (code == VendorResultCodes.UNKNOWN_PAYEE) {
            failure = ServiceException.Failure.UNKNOWN_PAYEE;
        } else if (code == VendorResultCodes.NOT_ELIGIBLE) {
            failure = ServiceException.Failure.NOT_ELIGIBLE;
        } else if (code == VendorResultCodes.UNKNOWN_ORDER) {
            failure = ServiceException.Failure.UNKNOWN_ORDER;
        } else if (code == ResultCodes.UNABLE_TO_DELIVER || code == ResultCodes.REALM_NOT_SERVED) {
            failure = ServiceException.Failure.NOT_DELIVERED;
        } else if (code == ResultCodes.AUTHORIZATION_REJECTED) {
            failure = reporter.isPresent() ? ServiceException.Failure.REFUSED_BY_PAYEE : ServiceException.Failure.UNKNOWN_USER;
        } else if (code == ResultCodes.INVALID_AVP_VALUE || code == ResultCodes.MISSING_AVP) {
            failure = ServiceException.Failure.INVALID_REQUEST;
        } else {
            failure = ServiceException.Failure.REFUSED;
        }
        return new ServiceException(failure, code, what + " refused: " + code + said + by);
    }

    private static SettlementMode modeOf(long code) throws MalformedMessageException {
        try {
            return SettlementMode.of(code);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }
}
