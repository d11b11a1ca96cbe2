package io.returnflow.tiktok;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.returns.RejectReason;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * TikTok's reject reasons for one return: they differ by market and stage and change over time, so
 * they are asked for, and kept only briefly for the merchant API ({@link RecentRejectReasons}).
 */
@Component("tiktokRejectReasons")
public class TikTokRejectReasons {

    private final TikTokClient client;
    private final TikTokEndpoints endpoints;
    private final String locale;

    public TikTokRejectReasons(TikTokClient client, TikTokEndpoints endpoints,
                               @Value("${tiktok.reject-reasons-locale:en-US}") String locale) {
        this.client = client;
        this.endpoints = endpoints;
        this.locale = locale;
    }

    public List<RejectReason> list(String returnId, String accessToken, String shopCipher) {
        JsonNode data = client.get(endpoints.rejectReasons(), Map.of("return_or_cancel_id", returnId, "locale", locale),
                accessToken, shopCipher);
        List<RejectReason> reasons = new ArrayList<>();
        for (JsonNode reason : data.path("reasons")) {
            reasons.add(new RejectReason(reason.path("name").asText(), reason.path("text").asText("")));
        }
        return List.copyOf(reasons);
    }

    public boolean lists(String reasonName, String returnId, String accessToken, String shopCipher) {
        return list(returnId, accessToken, shopCipher).stream().anyMatch(reason -> reason.name().equals(reasonName));
    }
}
