package org.mipaaa.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.mipaaa.ledger.Money;

class CatalogueTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    private static Properties properties(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static final String TWO_ORDERS = """
            payees = shop@shop.example, deli@shop.example
            order.A-1.payee = shop@shop.example
            order.A-1.goods = 1 x coffee beans 250 g | 1 x milk frother
            order.A-1.amount = 23.40
            order.A-1.currency = EUR
            order.A-1.time = 2026-11-20T10:15:00Z
            order.A.2.payee = shop@shop.example
            order.A.2.goods = tea
            order.A.2.amount = 1200
            order.A.2.currency = JPY
            order.A.2.time = 2026-11-21T10:15:00Z
            """;

    @Test
    void ordersAreReadExactlyWithTheirGoodsLinesInOrder() throws Exception {
        Catalogue c = Catalogue.parse(properties(TWO_ORDERS));

        Catalogue.Lookup a1 = c.lookup("shop@shop.example", Optional.of("A-1"));
        assertThat(a1).isEqualTo(new Catalogue.Lookup.Found(new Order("A-1", "shop@shop.example",
                java.util.List.of("1 x coffee beans 250 g", "1 x milk frother"), Money.of("23.40", EUR),
                Instant.parse("2026-11-20T10:15:00Z"))));
        assertThat(c.lookup("shop@shop.example", Optional.of("A.2")))
                .as("a reference with dots").isInstanceOfSatisfying(Catalogue.Lookup.Found.class,
                        f -> assertThat(f.order().amount()).isEqualTo(Money.of("1200", JPY)));
    }

    @Test
    void withoutAReferenceThePayeesLatestOrderIsGiven() throws Exception {
        Catalogue c = Catalogue.parse(properties(TWO_ORDERS));

        assertThat(c.lookup("shop@shop.example", Optional.empty())).isInstanceOfSatisfying(Catalogue.Lookup.Found.class,
                f -> assertThat(f.order().reference()).isEqualTo("A.2"));
        assertThat(c.lookup("deli@shop.example", Optional.empty())).isEqualTo(new Catalogue.Lookup.NoOrder("deli@shop.example"));
    }

    @Test
    void anUnknownPayeeAnUnknownOrderAndAnotherPayeesOrderAreToldApart() throws Exception {
        Catalogue c = Catalogue.parse(properties(TWO_ORDERS));

        assertThat(c.lookup("bar@shop.example", Optional.of("A-1"))).isEqualTo(new Catalogue.Lookup.UnknownPayee("bar@shop.example"));
        assertThat(c.lookup("shop@shop.example", Optional.of("Z-9"))).isEqualTo(new Catalogue.Lookup.UnknownOrder("Z-9"));
        assertThat(c.lookup("deli@shop.example", Optional.of("A-1"))).as("the shop's order is not the deli's")
                .isEqualTo(new Catalogue.Lookup.UnknownOrder("A-1"));
    }

    @Test
    void malformedSettingsAreRefusedNamingTheSetting() {
        String order = "payees = shop@shop.example\norder.B.payee = shop@shop.example\norder.B.goods = x\n"
                + "order.B.currency = EUR\norder.B.time = 2026-11-20T10:15:00Z\n";
        assertThatThrownBy(() -> Catalogue.parse(properties(order + "order.B.amount = 1.234\n")))
                .hasMessageContaining("order.B.amount");
        assertThatThrownBy(() -> Catalogue.parse(properties(order + "order.B.amount = -1\n")))
                .hasMessageContaining("order.B.amount: must be positive");
        assertThatThrownBy(() -> Catalogue.parse(properties(order.replace("EUR", "EURO") + "order.B.amount = 1\n")))
                .hasMessageContaining("order.B.currency");
        assertThatThrownBy(() -> Catalogue.parse(properties(order.replace("2026-11-20T10:15:00Z", "yesterday") + "order.B.amount = 1\n")))
                .hasMessageContaining("order.B.time");
        assertThatThrownBy(() -> Catalogue.parse(properties(order))).hasMessageContaining("order.B.amount is missing");
        assertThatThrownBy(() -> Catalogue.parse(properties(order.replace("payees = shop@shop.example", "payees = other@shop.example")
                + "order.B.amount = 1\n"))).hasMessageContaining("not served here");
        assertThatThrownBy(() -> Catalogue.parse(properties(order + "order.B.amount = 1\norder.B.colour = red\n")))
                .hasMessageContaining("unknown setting order.B.colour");
    }

    @Test
    void theShippedCataloguesLoad() throws Exception {
        Catalogue terminal = Catalogue.load(Path.of("../../config/terminal/catalogue.properties"));
        assertThat(terminal.serves("shop@shop.example")).isTrue();
        assertThat(terminal.lookup("shop@shop.example", Optional.of("A-1001"))).isInstanceOf(Catalogue.Lookup.Found.class);
        Catalogue aaay = Catalogue.load(Path.of("../../config/aaay/catalogue.properties"));
        assertThat(aaay.lookup("kiosk@shop.example", Optional.of("K-77"))).isInstanceOf(Catalogue.Lookup.Found.class);
    }
}
