package io.returnflow.tiktok;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.returnflow.returns.MarketplaceEvidence;
import io.returnflow.returns.ReturnEvidence;
import io.returnflow.returns.ReturnView;
import io.returnflow.tiktok.connect.ConnectedShop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A TikTok return's records ({@code GET /return_refund/202309/returns/{id}/records}): the buyer's
 * note, reason, images and videos. Kept per return for {@code tiktok.evidence.cache-for} (1 minute)
 * so a return page that is open, or reloaded, costs the shop's TikTok rate limit one call a minute.
 * A media address that is not http(s) is dropped: it would end up as a link in a merchant's page.
 */
@Component
public class TikTokReturnEvidence implements MarketplaceEvidence {

    private final TikTokClient client;
    private final TikTokEndpoints endpoints;
    private final TikTokShopDirectory shops;
    private final String locale;
    private final Cache<String, List<ReturnEvidence.Entry>> recent;

    public TikTokReturnEvidence(TikTokClient client, TikTokEndpoints endpoints, TikTokShopDirectory shops, Clock clock,
                                @Value("${tiktok.reject-reasons-locale:en-US}") String locale,
                                @Value("${tiktok.evidence.cache-for:1m}") Duration keepFor) {
        this.client = client;
        this.endpoints = endpoints;
        this.shops = shops;
        this.locale = locale;
        this.recent = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(keepFor)
                .maximumSize(10_000)
                .build();
    }

    @Override
    public ReturnEvidence evidence(ReturnView ret) {
        ConnectedShop shop = shops.connectedShop(ret.tiktok().shopId(), ret.merchantId());
        String returnId = ret.tiktok().returnId();
        List<ReturnEvidence.Entry> records = recent.get(shop.shopId() + ":" + returnId, key -> read(shop, returnId));
        return new ReturnEvidence(ret.id(), records);
    }

    private List<ReturnEvidence.Entry> read(ConnectedShop shop, String returnId) {
        JsonNode data = client.get(TikTokEndpoints.withReturnId(endpoints.returnRecords(), returnId),
                Map.of("locale", locale), shop.accessToken(), shop.cipher());
        List<ReturnEvidence.Entry> records = new ArrayList<>();
        for (JsonNode record : data.path("records")) {
            records.add(new ReturnEvidence.Entry(text(record, "event"), text(record, "role"), text(record, "description"),
                    text(record, "reason_text"), text(record, "note"), images(record.path("images")),
                    videos(record.path("videos")),
                    record.hasNonNull("create_time") ? Instant.ofEpochSecond(record.path("create_time").asLong()) : null));
        }
        return List.copyOf(records);
    }

    private static List<ReturnEvidence.Image> images(JsonNode images) {
        List<ReturnEvidence.Image> found = new ArrayList<>();
        for (JsonNode image : images) {
            String url = webAddress(text(image, "url"));
            if (url != null) {
                found.add(new ReturnEvidence.Image(url, number(image, "width"), number(image, "height")));
            }
        }
        return List.copyOf(found);
    }

    private static List<ReturnEvidence.Video> videos(JsonNode videos) {
        List<ReturnEvidence.Video> found = new ArrayList<>();
        for (JsonNode video : videos) {
            String url = webAddress(text(video, "url"));
            if (url != null) {
                found.add(new ReturnEvidence.Video(url, webAddress(text(video, "cover")), number(video, "width"),
                        number(video, "height"), video.hasNonNull("duration_millis") ? video.path("duration_millis").asLong() : null));
            }
        }
        return List.copyOf(found);
    }

    private static String webAddress(String url) {
        if (url == null) {
            return null;
        }
        try {
            String scheme = URI.create(url).getScheme();
            return scheme != null && List.of("https", "http").contains(scheme.toLowerCase(Locale.ROOT)) ? url : null;
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.path(field).asText().isEmpty() ? node.path(field).asText() : null;
    }

    private static Integer number(JsonNode node, String field) {
        return node.path(field).canConvertToInt() ? node.path(field).asInt() : null;
    }
}
