package org.mipaaa.agent.services;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The accounting information of one purchase, as the shop terminal (or the payee's AAA server) gave it
 * (seed Figs. 14-15, S206; docs/PROTOCOL.md §4.1 and the Purchase-Info AVP of §6).
 *
 * @param payee          who is paid, "account@realm" (Payee-Id)
 * @param orderReference the shop's reference of the order
 * @param goods          one line per item (Goods-Description), in the shop's order
 * @param amount         the exact price and its currency (CC-Money)
 * @param time           when the order was made (Event-Timestamp), if the shop said
 * @param terminalHost   the shop terminal that answered (Terminal-Host), if the answer named one; empty
 *                       when the payee's AAA server holds the information itself
 */
public record PurchaseInfo(String payee, String orderReference, List<String> goods, Amount amount, Optional<Instant> time,
                           Optional<String> terminalHost) {

    public PurchaseInfo {
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(orderReference, "orderReference");
        goods = List.copyOf(goods);
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(terminalHost, "terminalHost");
    }
}
