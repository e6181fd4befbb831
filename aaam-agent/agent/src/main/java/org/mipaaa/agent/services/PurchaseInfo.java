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
 *
 * <p>Immutable, so thread-safe.
 */
public final class PurchaseInfo {

    private final String payee;
    private final String orderReference;
    private final List<String> goods;
    private final Amount amount;
    private final Optional<Instant> time;
    private final Optional<String> terminalHost;

    public PurchaseInfo(String payee, String orderReference, List<String> goods, Amount amount, Optional<Instant> time, Optional<String> terminalHost) {
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(orderReference, "orderReference");
        goods = List.copyOf(goods);
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(terminalHost, "terminalHost");
        this.payee = payee;
        this.orderReference = orderReference;
        this.goods = goods;
        this.amount = amount;
        this.time = time;
        this.terminalHost = terminalHost;
    }


    public String payee() {
        return payee;
    }

    public String orderReference() {
        return orderReference;
    }

    public List<String> goods() {
        return goods;
    }

    public Amount amount() {
        return amount;
    }

    public Optional<Instant> time() {
        return time;
    }

    public Optional<String> terminalHost() {
        return terminalHost;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PurchaseInfo)) {
            return false;
        }
        PurchaseInfo other = (PurchaseInfo) o;
        return java.util.Objects.equals(payee, other.payee)
                && java.util.Objects.equals(orderReference, other.orderReference)
                && java.util.Objects.equals(goods, other.goods)
                && java.util.Objects.equals(amount, other.amount)
                && java.util.Objects.equals(time, other.time)
                && java.util.Objects.equals(terminalHost, other.terminalHost);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(payee, orderReference, goods, amount, time, terminalHost);
    }

    @Override
    public String toString() {
        return "PurchaseInfo[" + "payee=" + payee + ", " + "orderReference=" + orderReference + ", " + "goods=" + goods + ", " + "amount=" + amount + ", " + "time=" + time + ", " + "terminalHost=" + terminalHost + "]";
    }
}
