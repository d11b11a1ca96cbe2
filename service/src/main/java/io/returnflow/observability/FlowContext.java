package io.returnflow.observability;

import java.util.function.Function;

import org.slf4j.MDC;

/**
 * What a flow is working on: merchant, TikTok shop, TikTok return, our return, TikTok notification.
 * Carried as message headers from step to step (so it survives the broker, retries and dead
 * letters), and put into the logging MDC for every step of every route ({@link FlowMdcUnitOfWork}),
 * so each log line names it. Code that runs inside a step (partner clients, the return history)
 * reads it back with {@link #current()}.
 */
public record FlowContext(String merchantId, String shopId, String tiktokReturnId, String returnId, String notificationId) {

    /** MDC keys: the names log lines and JSON logs show. */
    public static final String MDC_MERCHANT = "merchantId";
    public static final String MDC_SHOP = "shopId";
    public static final String MDC_TIKTOK_RETURN = "tiktokReturnId";
    public static final String MDC_RETURN = "returnId";
    public static final String MDC_NOTIFICATION = "notificationId";

    /** Headers a flow sets once it knows the merchant or our return id (the TikTok ones come with the event). */
    public static final String MERCHANT_HEADER = "MerchantId";
    public static final String RETURN_HEADER = "ReturnId";
    public static final String SHOP_HEADER = "TikTokShopId";
    public static final String TIKTOK_RETURN_HEADER = "TikTokReturnId";
    public static final String NOTIFICATION_HEADER = "TikTokNotificationId";

    public static final FlowContext NONE = new FlowContext(null, null, null, null, null);

    /** What the current thread's flow step is working on (empty outside a flow). */
    public static FlowContext current() {
        return new FlowContext(MDC.get(MDC_MERCHANT), MDC.get(MDC_SHOP), MDC.get(MDC_TIKTOK_RETURN),
                MDC.get(MDC_RETURN), MDC.get(MDC_NOTIFICATION));
    }

    /** From message headers (a Camel message, a JMS message's properties...). */
    public static FlowContext fromHeaders(Function<String, Object> header) {
        return new FlowContext(text(header.apply(MERCHANT_HEADER)), text(header.apply(SHOP_HEADER)),
                text(header.apply(TIKTOK_RETURN_HEADER)), text(header.apply(RETURN_HEADER)),
                text(header.apply(NOTIFICATION_HEADER)));
    }

    /** Whether it names a return, by our id or by TikTok's shop and return ids. */
    public boolean identifiesReturn() {
        return returnId != null || (shopId != null && tiktokReturnId != null);
    }

    void putIntoMdc() {
        put(MDC_MERCHANT, merchantId);
        put(MDC_SHOP, shopId);
        put(MDC_TIKTOK_RETURN, tiktokReturnId);
        put(MDC_RETURN, returnId);
        put(MDC_NOTIFICATION, notificationId);
    }

    static void clearMdc() {
        MDC.remove(MDC_MERCHANT);
        MDC.remove(MDC_SHOP);
        MDC.remove(MDC_TIKTOK_RETURN);
        MDC.remove(MDC_RETURN);
        MDC.remove(MDC_NOTIFICATION);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isBlank() ? null : text;
    }
}
