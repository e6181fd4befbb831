package org.mipaaa.messages;

import java.util.Date;

import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.shop.Order;

/**
 * Writes the Purchase-Info AVP of an order (docs/PROTOCOL.md §6): { Payee-Id } { Order-Reference }
 * * [ Goods-Description ] { CC-Money } [ Event-Timestamp ].
 */
public final class PurchaseInfoAvps {

    private PurchaseInfoAvps() {
    }

    public static void add(AvpSet avps, Order order, long vendorId) {
        AvpSet info = avps.addGroupedAvp(VendorAvpCodes.PURCHASE_INFO, vendorId, true, false);
        info.addAvp(VendorAvpCodes.PAYEE_ID, order.payee(), vendorId, true, false, false);
        info.addAvp(VendorAvpCodes.ORDER_REFERENCE, order.reference(), vendorId, true, false, false);
        for (String line : order.goods()) {
            info.addAvp(VendorAvpCodes.GOODS_DESCRIPTION, line, vendorId, true, false, false);
        }
        MoneyAvps.addCcMoney(info, order.amount().amount(), order.amount().currency());
        info.addAvp(AvpCodes.EVENT_TIMESTAMP, Date.from(order.time()), true, false);
    }
}
