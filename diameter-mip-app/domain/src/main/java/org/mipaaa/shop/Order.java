package org.mipaaa.shop;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.mipaaa.ledger.Money;

/**
 * One order of a shop: the accounting information of a purchase (seed Fig. 14), as the terminal (or an
 * AAAY holding it) hands it out in Purchase-Info.
 *
 * @param reference the shop's Order-Reference
 * @param payee     who is paid, "account@realm" (Payee-Id)
 * @param goods     one line per item (Goods-Description), in order
 * @param amount    what the order costs, exactly
 * @param time      when the order was made (Event-Timestamp)
 */
public record Order(String reference, String payee, List<String> goods, Money amount, Instant time) {

    public Order {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(payee, "payee");
        goods = List.copyOf(goods);
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(time, "time");
    }
}
