package io.returnflow.tiktok;

import java.util.List;
import java.util.Optional;

import io.returnflow.returns.ItemMatcher;
import io.returnflow.returns.NewReturn;
import io.returnflow.returns.NextAction;
import io.returnflow.returns.ReturnSource;
import io.returnflow.returns.SourceStatus;
import io.returnflow.shopify.ShopifyOrder;

import org.springframework.stereotype.Component;

/** Maps a TikTok return (and the Shopify order found for it) to the service's new return. */
@Component("tiktokReturnDrafts")
public class TikTokReturnDrafts {

    private final ItemMatcher matcher;

    public TikTokReturnDrafts(ItemMatcher matcher) {
        this.matcher = matcher;
    }

    public NewReturn draft(String merchantId, String shopId, TikTokReturn ret, Optional<ShopifyOrder> shopifyOrder) {
        ShopifyOrder order = shopifyOrder == null ? null : shopifyOrder.orElse(null);
        List<ItemMatcher.ReturnedUnit> units = ret.lineItems().stream()
                .map(line -> new ItemMatcher.ReturnedUnit(line.returnLineItemId(), line.sellerSku(), line.productName(),
                        line.refundTotal(), line.currency()))
                .toList();
        String attention = order == null
                ? "No Shopify order carries TikTok order " + ret.orderId() + ": check TikTok's Shopify channel sync"
                : null;
        return new NewReturn(merchantId, ReturnSource.TIKTOK, shopId, ret.returnId(), ret.orderId(), ret.returnType(),
                ret.reason(), status(ret), ret.canBuyerKeepItem(), ret.shippingDocumentType(),
                order == null ? null : order.id(), order == null ? null : order.name(), attention,
                matcher.match(units, order));
    }

    public static SourceStatus status(TikTokReturn ret) {
        NextAction next = TikTokReturnStatus.nextAction(ret.sellerNextActions());
        String awaited = TikTokReturnStatus.awaitedAction(ret.sellerNextActions());
        return new SourceStatus(ret.returnStatus(), ret.updateTime(), next, TikTokReturnStatus.state(ret.returnStatus(), next),
                awaited == null ? null : ret.actionDeadlines().get(awaited), awaited, ret.arbitrationStatus());
    }
}
