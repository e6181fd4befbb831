package org.mipaaa.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.Avps;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

class PurchaseRequestTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();

    private static IMessage pir(String user, String payee, String order) {
        IMessage r = new MessageParser().createEmptyMessage(CommandCodes.PURCHASE_INFORMATION, VENDOR.accountingServicesApplicationId());
        r.setRequest(true);
        if (user != null) {
            r.getAvps().addAvp(AvpCodes.USER_NAME, user, true, false, false);
        }
        if (payee != null) {
            r.getAvps().addAvp(VendorAvpCodes.PAYEE_ID, payee, V, true, false, false);
        }
        if (order != null) {
            r.getAvps().addAvp(VendorAvpCodes.ORDER_REFERENCE, order, V, true, false, false);
        }
        return r;
    }

    @Test
    void decodesTheUserThePayeeAndTheOptionalOrder() throws Exception {
        PurchaseRequest withOrder = PurchaseRequest.decode(pir("mn1@home.example", "shop@shop.example", "A-1"), V);
        assertThat(withOrder.userName()).isEqualTo("mn1@home.example");
        assertThat(withOrder.payee()).isEqualTo("shop@shop.example");
        assertThat(withOrder.orderReference()).contains("A-1");
        assertThat(withOrder.payeeRealm()).contains("shop.example");

        PurchaseRequest latest = PurchaseRequest.decode(pir("mn1@home.example", "shop@shop.example", null), V);
        assertThat(latest.orderReference()).isEmpty();
        assertThat(latest.orderAvp()).isNull();
    }

    @Test
    void aPayeeIdOfAnotherVendorIsNotThePayeeId() {
        IMessage r = pir("mn1@home.example", null, null);
        r.getAvps().addAvp(VendorAvpCodes.PAYEE_ID, "shop@shop.example", V + 1, true, false, false);
        assertThatThrownBy(() -> PurchaseRequest.decode(r, V)).isInstanceOfSatisfying(Avps.Invalid.class, e -> {
            assertThat(e.refusal().resultCode()).isEqualTo(ResultCodes.MISSING_AVP);
            assertThat(e.refusal().failedAvp().code()).isEqualTo(VendorAvpCodes.PAYEE_ID);
            assertThat(e.refusal().failedAvp().vendorId()).isEqualTo(V);
        });
    }

    @Test
    void aMissingUserNameIs5005() {
        assertThatThrownBy(() -> PurchaseRequest.decode(pir(null, "shop@shop.example", null), V))
                .isInstanceOfSatisfying(Avps.Invalid.class, e -> {
                    assertThat(e.refusal().resultCode()).isEqualTo(ResultCodes.MISSING_AVP);
                    assertThat(e.refusal().failedAvp().code()).isEqualTo(AvpCodes.USER_NAME);
                });
    }

    @Test
    void aPayeeIdWithoutARealmHasNone() throws Exception {
        for (String payee : new String[] {"shop", "shop@", "@shop.example"}) {
            assertThat(PurchaseRequest.decode(pir("mn1@home.example", payee, null), V).payeeRealm()).as(payee).isEqualTo(Optional.empty());
        }
        assertThat(PurchaseRequest.decode(pir("mn1@home.example", "a@b@shop.example", null), V).payeeRealm()).contains("shop.example");
    }
}
