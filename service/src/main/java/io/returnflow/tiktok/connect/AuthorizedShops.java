package io.returnflow.tiktok.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.tiktok.TikTokClient;
import io.returnflow.tiktok.TikTokEndpoints;

import org.springframework.stereotype.Component;

/** The shops an access token may act for: a signed, app-scoped call (no shop_cipher). */
@Component
class AuthorizedShops {

    private final TikTokClient tiktok;
    private final TikTokEndpoints endpoints;

    AuthorizedShops(TikTokClient tiktok, TikTokEndpoints endpoints) {
        this.tiktok = tiktok;
        this.endpoints = endpoints;
    }

    List<AuthorizedShop> read(String accessToken) {
        JsonNode data = tiktok.get(endpoints.authorizedShops(), Map.of(), accessToken, null);
        List<AuthorizedShop> shops = new ArrayList<>();
        for (JsonNode shop : data.path("shops")) {
            String id = shop.path("id").asText("");
            String cipher = shop.path("cipher").asText("");
            if (id.isEmpty() || cipher.isEmpty()) {
                throw new PartnerRejectedException("TikTok", null, "an authorized shop came without id or cipher");
            }
            shops.add(new AuthorizedShop(id, text(shop, "name"), text(shop, "region"), text(shop, "seller_type"),
                    text(shop, "code"), cipher));
        }
        return List.copyOf(shops);
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isEmpty() ? null : value;
    }
}
