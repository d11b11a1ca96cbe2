package io.returnflow.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.returnflow.returns.ItemMatcher.ReturnedUnit;
import io.returnflow.shopify.ShopifyOrder;

import org.junit.jupiter.api.Test;

class ItemMatcherTest {

    private final ItemMatcher matcher = new ItemMatcher();

    private static ReturnedUnit unit(String lineId, String sku, String amount) {
        return new ReturnedUnit(lineId, sku, "Tee " + sku, new BigDecimal(amount), "USD");
    }

    private static ShopifyOrder order(ShopifyOrder.LineItem... lines) {
        return new ShopifyOrder("gid://shopify/Order/1", "#1001", "576653688135258178", "tiktok", List.of(), Map.of(),
                null, List.of(lines));
    }

    @Test
    void countsUnitsOfTheSameSkuIntoOneItemAndSumsTheirRefund() {
        List<NewReturn.Item> items = matcher.match(List.of(unit("r1", "TEE-M", "12.50"), unit("r2", "CAP", "5.00"),
                unit("r3", "TEE-M", "12.50")), order(new ShopifyOrder.LineItem("gid://shopify/LineItem/7", "TEE-M", 2,
                "gid://shopify/ProductVariant/70", "Tee"), new ShopifyOrder.LineItem("gid://shopify/LineItem/8", "CAP", 1,
                "gid://shopify/ProductVariant/80", "Cap")));

        assertThat(items).hasSize(2);
        NewReturn.Item tees = items.get(0);
        assertThat(tees.sku()).isEqualTo("TEE-M");
        assertThat(tees.quantity()).isEqualTo(2);
        assertThat(tees.sourceLineIds()).containsExactly("r1", "r3");
        assertThat(tees.refundAmount()).isEqualByComparingTo("25.00");
        assertThat(tees.shopifyLineItemId()).isEqualTo("gid://shopify/LineItem/7");
        assertThat(tees.shopifyVariantId()).isEqualTo("gid://shopify/ProductVariant/70");
        assertThat(tees.matched()).isTrue();
        assertThat(items.get(1).quantity()).isEqualTo(1);
    }

    @Test
    void sumsShopifyQuantitiesOverLinesOfTheSameSku() {
        List<NewReturn.Item> items = matcher.match(List.of(unit("r1", "TEE-M", "1"), unit("r2", "TEE-M", "1")),
                order(new ShopifyOrder.LineItem("a", "TEE-M", 1, "va", "Tee"), new ShopifyOrder.LineItem("b", "TEE-M", 1, "vb", "Tee")));

        assertThat(items.get(0).matched()).isTrue();
        assertThat(items.get(0).shopifyLineItemId()).isEqualTo("a");
    }

    @Test
    void flagsOnlyTheItemWhoseSkuTheOrderLacks() {
        List<NewReturn.Item> items = matcher.match(List.of(unit("r1", "TEE-M", "1"), unit("r2", "GHOST", "1")),
                order(new ShopifyOrder.LineItem("a", "TEE-M", 1, "va", "Tee")));

        assertThat(items).extracting(NewReturn.Item::matched).containsExactly(true, false);
        assertThat(items.get(1).shopifyLineItemId()).isNull();
    }

    @Test
    void flagsAnItemWithMoreUnitsThanWereOrdered() {
        List<NewReturn.Item> items = matcher.match(List.of(unit("r1", "TEE-M", "1"), unit("r2", "TEE-M", "1")),
                order(new ShopifyOrder.LineItem("a", "TEE-M", 1, "va", "Tee")));

        assertThat(items.get(0).matched()).isFalse();
        assertThat(items.get(0).shopifyLineItemId()).isEqualTo("a");
    }

    @Test
    void flagsEveryItemWhenThereIsNoOrder() {
        List<NewReturn.Item> items = matcher.match(List.of(unit("r1", "TEE-M", "1")), null);

        assertThat(items.get(0).matched()).isFalse();
    }
}
