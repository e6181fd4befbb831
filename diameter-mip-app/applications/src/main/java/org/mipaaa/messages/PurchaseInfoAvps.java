package org.mipaaa.messages;

import org.mipaaa.diameter.AvpWriter;
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

    public static void add(AvpWriter avps, Order order, long vendorId) {
        AvpWriter info = avps.group(VendorAvpCodes.PURCHASE_INFO, vendorId);
        info.add(VendorAvpCodes.PAYEE_ID, vendorId, order.payee());
        info.add(VendorAvpCodes.ORDER_REFERENCE, vendorId, order.reference());
        for (String line : order.goods()) {
            info.add(VendorAvpCodes.GOODS_DESCRIPTION, vendorId, line);
        }
        MoneyAvps.addCcMoney(info, order.amount().amount(), order.amount().currency());
        info.add(AvpCodes.EVENT_TIMESTAMP, order.time());
    }
}
