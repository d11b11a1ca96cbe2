package io.returnflow.tiktok;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partner API paths, versions included: TikTok versions each endpoint on its own, and newer
 * versions appear over time, so they are configuration, not code.
 */
@ConfigurationProperties("tiktok.endpoints")
public record TikTokEndpoints(
        @DefaultValue("/return_refund/202309/returns/search") String searchReturns,
        @DefaultValue("/return_refund/202309/returns/{return_id}/approve") String approveReturn,
        @DefaultValue("/return_refund/202309/returns/{return_id}/reject") String rejectReturn,
        @DefaultValue("/return_refund/202309/reject_reasons") String rejectReasons,
        @DefaultValue("/return_refund/202405/returns/shipping_documents") String shippingDocuments,
        @DefaultValue("/authorization/202309/shops") String authorizedShops,
        @DefaultValue("/event/202309/webhooks") String webhooks,
        @DefaultValue("/return_refund/202309/returns/{return_id}/records") String returnRecords,
        @DefaultValue("/return_refund/202309/cancellations/search") String searchCancellations,
        @DefaultValue("/return_refund/202309/cancellations/{cancel_id}/approve") String approveCancellation,
        @DefaultValue("/return_refund/202309/cancellations/{cancel_id}/reject") String rejectCancellation) {

    public static String withReturnId(String template, String returnId) {
        return template.replace("{return_id}", returnId);
    }

    public static String withCancelId(String template, String cancelId) {
        return template.replace("{cancel_id}", cancelId);
    }
}
