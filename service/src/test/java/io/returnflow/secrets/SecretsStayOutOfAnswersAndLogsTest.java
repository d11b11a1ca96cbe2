package io.returnflow.secrets;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.TikTokProperties;
import io.returnflow.tiktok.connect.ConnectedShops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** A merchant's whole setup, then a look at everything the service said and logged meanwhile. */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfAnswersAndLogsTest {

    @Value("${local.server.port}")
    int port;
    @Value("${app.data-dir}")
    Path dataDir;
    @Autowired
    ConnectedShops shops;
    @Autowired
    SecretBox secretBox;
    @Autowired
    TikTokProperties tiktok;
    @Autowired
    JdbcTemplate db;

    @Test
    void noSecretAppearsInAnyAnswerOrLogLine(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(port);
        String merchant = uniqueMerchantId();
        List<HttpResponse<String>> answers = new ArrayList<>();

        String marker = api.createMerchant(merchant);
        answers.add(api.get("/api/admin/merchants/" + merchant, ADMIN_TOKEN));
        answers.add(api.put("/api/admin/merchants/" + merchant, ADMIN_TOKEN, answers.get(0).body()));
        HttpResponse<String> keyAnswer = api.post("/api/admin/merchants/" + merchant + "/api-keys", ADMIN_TOKEN);
        String key = ApiClient.json(keyAnswer).path("apiKey").asText();
        String shopId = String.valueOf(System.nanoTime());
        answers.add(api.connectTikTokShop(merchant, key, shopId));
        answers.add(api.get("/api/merchants/" + merchant + "/tiktok/shops", key));
        answers.add(api.get("/api/admin/merchants/" + merchant, "wrong-token"));
        answers.add(api.get("/api/merchants/" + merchant + "/tiktok/shops", key + "x"));

        List<String> secrets = new ArrayList<>(List.of("shpat_shopify_" + marker, "ns_consumer_key_" + marker,
                "ns_consumer_secret_" + marker, "ns_token_id_" + marker, "ns_token_secret_" + marker,
                "sh_access_" + marker, "sh_refresh_" + marker, key, tiktok.appSecret(), ADMIN_TOKEN,
                Files.readString(dataDir.resolve(EncryptionKey.FILE_NAME)).trim()));
        secrets.add(shops.findByShopId(shopId).orElseThrow().accessToken());
        secrets.add(secretBox.open(db.queryForObject("""
                SELECT a.refresh_token FROM tiktok_authorizations a JOIN tiktok_shops s ON s.authorization_id = a.id
                WHERE s.shop_id = ?""", String.class, shopId), new SealBinding(merchant, "tiktok.refreshToken")));

        for (String secret : secrets) {
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.body()).as("answer of " + answer.uri().getPath()).doesNotContain(secret);
                assertThat(answer.headers().map().toString()).doesNotContain(secret);
            }
            assertThat(output.getAll()).as("the captured log").doesNotContain(secret);
        }
        assertThat(output.getAll()).contains("Merchant " + merchant + " connected TikTok shops [" + shopId + "]");
    }
}
