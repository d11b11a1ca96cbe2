package io.returnflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;

/**
 * The console in a real headless Chromium against the whole service: what a merchant and an
 * operator do in it, step by step, with a screenshot of each step (target/console-screenshots).
 */
@ServiceTest
class ConsoleWalkthroughTest extends ConsoleBrowserTest {

    @Value("${sandbox.shop-id:7495540735365777507}")
    String sandboxShopId;

    @Test
    void aMerchantConnectsTikTokSimulatesAReturnAndDecidesItemByItemUntilItIsSynced() {
        String merchant = ApiClient.uniqueMerchantId();
        String key = createMerchant(merchant);

        signIn(key);
        browser.find(By.cssSelector("#attention-count"));
        browser.screenshot("signed-in");

        // Integrations: connect the (sandbox) TikTok shop through its OAuth pages, turn labels on
        api.releaseTikTokShop(sandboxShopId);
        browser.find(By.linkText("Integrations")).click();
        browser.find(By.id("connect-tiktok")).click();
        browser.find(By.linkText("Back to the console"));
        browser.screenshot("tiktok-connected");
        browser.find(By.linkText("Back to the console")).click();
        browser.waitForText(By.cssSelector("section[aria-labelledby=tiktok-title] table"), "Connected");
        WebElement labels = browser.find(By.id("use-redo-labels"));
        assertThat(labels.isSelected()).isFalse();
        labels.click();
        browser.waitForText(By.cssSelector("section[aria-labelledby=labels-title] [role=status]"), "Saved: return labels are on.");
        assertThat(json(api.get("/api/merchants/" + merchant, key)).path("returns").path("useRedoReturnLabels").asBoolean()).isTrue();
        browser.screenshot("integrations");

        // Returns: a buyer asks for a return of two items; it appears in the list
        browser.find(By.linkText("Returns")).click();
        new Select(browser.find(By.id("simulate-type"))).selectByVisibleText("Return and refund");
        new Select(browser.find(By.id("simulate-items"))).selectByVisibleText("2");
        browser.find(By.id("simulate")).click();
        WebElement arrived = browser.waitForText(By.id("simulate-status"), "arrived.");
        String tiktokReturnId = arrived.getText().replaceAll("^TikTok return (\\S+) arrived\\.$", "$1");
        WebElement row = browser.find(By.cssSelector("tr[data-tiktok-return-id='" + tiktokReturnId + "']"));
        assertThat(row.getText()).contains("Return and refund").contains("Open");
        browser.screenshot("return-appeared");

        // The return: TikTok's side, the Shopify order, the items; reject one and approve the other
        row.findElement(By.linkText(tiktokReturnId)).click();
        browser.waitForText(By.id("tiktok-next"), "buyer's request");
        assertThat(browser.find(By.id("tiktok-type")).getText()).isEqualTo("Return and refund");
        assertThat(browser.find(By.id("shopify-order")).getText()).startsWith("#");
        List<WebElement> items = browser.driver().findElements(By.cssSelector("#items tbody tr"));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).getText()).contains("SBX-TEE-BLK-M").contains("Matched").contains("$12.50");
        browser.screenshot("return-opened");
        chooseFor("SBX-TEE-BLK-M", "REJECT");
        chooseFor("SBX-TEE-WHT-L", "APPROVE");
        assertThat(browser.find(By.id("reject-reason-field")).isDisplayed()).isFalse();
        browser.find(By.id("comment")).sendKeys("The black tee was worn");
        browser.screenshot("decided-item-by-item");
        browser.find(By.id("send-decision")).click();

        // The sync, the label and the history follow without a reload
        browser.waitUntil(d -> "SYNCED".equals(d.findElement(By.id("sync-status")).getDomAttribute("data-status")));
        browser.waitUntil(d -> "UPLOADED".equals(d.findElement(By.id("label-status")).getDomAttribute("data-status")));
        assertThat(browser.find(By.id("items")).getText()).contains("Rejected").contains("Approved");
        browser.waitForText(By.id("history"), "Synced");
        JsonNode ret = json(api.get("/api/returns?q=" + tiktokReturnId, key)).path("returns").get(0);
        assertThat(ret.path("sync").path("status").asText()).isEqualTo("SYNCED");
        assertThat(ret.path("items").findValuesAsText("decision")).containsExactly("REJECTED", "APPROVED");
        browser.screenshot("synced");

        // The list on a phone's width
        browser.resize(390, 844);
        browser.find(By.linkText("Returns")).click();
        browser.find(By.cssSelector("tr[data-tiktok-return-id='" + tiktokReturnId + "']"));
        browser.screenshot("returns-on-a-phone");
    }

    @Test
    void rejectingEveryItemAsksForOneOfTikToksReasonsAndSyncsTheRejection() {
        String merchant = ApiClient.uniqueMerchantId();
        String key = createMerchant(merchant);
        assertThat(api.connectTikTokShop(merchant, key, newShopId()).statusCode()).isEqualTo(200);

        signIn(key);
        new Select(browser.find(By.id("simulate-type"))).selectByVisibleText("Refund only");
        new Select(browser.find(By.id("simulate-items"))).selectByVisibleText("1");
        browser.find(By.id("simulate")).click();
        String tiktokReturnId = browser.waitForText(By.id("simulate-status"), "arrived.").getText()
                .replaceAll("^TikTok return (\\S+) arrived\\.$", "$1");
        browser.find(By.linkText(tiktokReturnId)).click();
        browser.waitForText(By.id("tiktok-type"), "Refund only");

        browser.find(By.xpath("//button[normalize-space()='Reject all']")).click();
        Select reasons = new Select(browser.find(By.id("reject-reason")));
        browser.waitUntil(d -> reasons.getOptions().size() > 1);
        assertThat(reasons.getOptions()).extracting(WebElement::getText)
                .contains("The buyer damaged the product", "The buyer gave no evidence of the problem");
        browser.find(By.id("send-decision")).click();
        browser.waitForText(By.id("decision-error"), "Choose TikTok's reason");
        browser.screenshot("reason-required");
        reasons.selectByVisibleText("The buyer gave no evidence of the problem");
        browser.find(By.id("comment")).sendKeys("No photo of the damage");
        browser.screenshot("rejected-with-a-reason");
        browser.find(By.id("send-decision")).click();

        browser.waitUntil(d -> "SYNCED".equals(d.findElement(By.id("sync-status")).getDomAttribute("data-status")));
        assertThat(browser.find(By.id("sync-status")).getText()).contains("REJECT");
        JsonNode ret = json(api.get("/api/returns?q=" + tiktokReturnId, key)).path("returns").get(0);
        assertThat(ret.path("state").asText()).isEqualTo("REJECTED");
        assertThat(ret.path("sync").path("status").asText()).isEqualTo("SYNCED");
        browser.screenshot("rejection-synced");
    }

    @Test
    void theReturnPageShowsTheBuyersPhotosFromTikToksRecords() {
        String merchant = ApiClient.uniqueMerchantId();
        String key = createMerchant(merchant);
        assertThat(api.connectTikTokShop(merchant, key, newShopId()).statusCode()).isEqualTo(200);

        signIn(key);
        new Select(browser.find(By.id("simulate-type"))).selectByVisibleText("Return and refund");
        new Select(browser.find(By.id("simulate-items"))).selectByVisibleText("2");
        browser.find(By.id("simulate")).click();
        String tiktokReturnId = browser.waitForText(By.id("simulate-status"), "arrived.").getText()
                .replaceAll("^TikTok return (\\S+) arrived\\.$", "$1");
        browser.find(By.linkText(tiktokReturnId)).click();

        browser.waitForText(By.id("evidence"), "Item does not fit");
        List<WebElement> photos = browser.driver().findElements(By.cssSelector("#evidence img.thumb"));
        assertThat(photos).hasSize(2);
        // loaded, so the page's Content-Security-Policy let it in and the link leads to the original
        browser.waitUntil(d -> photos.stream().allMatch(img -> (Boolean) browser.script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", img)));
        assertThat(photos.get(0).findElement(By.xpath("..")).getDomAttribute("href"))
                .isEqualTo(photos.get(0).getDomAttribute("src"));
        browser.script("arguments[0].scrollIntoView()", browser.find(By.id("evidence")));
        browser.screenshot("buyers-evidence");
    }

    @Test
    void aMerchantSetsItsNotificationWebhookAndSeesItsSigningSecretOnce() {
        String merchant = ApiClient.uniqueMerchantId();
        String key = createMerchant(merchant);

        signIn(key);
        browser.find(By.linkText("Integrations")).click();
        browser.find(By.id("notifications-url")).sendKeys("http://127.0.0.1:9/notices");
        browser.find(By.id("notifications-save")).click();

        browser.waitForText(By.id("notifications-status"), "Saved");
        String secret = browser.find(By.cssSelector("#notifications-secret code")).getText();
        assertThat(secret).startsWith("whsec_");
        browser.screenshot("notifications-secret-shown-once");
        assertThat(json(api.get("/api/merchants/" + merchant + "/notifications", key)).path("webhookUrl").asText())
                .isEqualTo("http://127.0.0.1:9/notices");

        browser.driver().navigate().refresh();
        browser.waitUntil(d -> "http://127.0.0.1:9/notices".equals(
                d.findElement(By.id("notifications-url")).getDomProperty("value")));
        assertThat(browser.find(By.id("notifications-secret")).isDisplayed()).isFalse();
        assertThat(browser.pageSource()).doesNotContain(secret);
    }

    @Test
    void anOperatorSeesWhyAMessageWasDeadLetteredAndReplaysIt() {
        // TikTok tells about a return of a shop nobody connected yet: the event is parked
        String shopId = newShopId();
        HttpResponse<String> parked = api.postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"REFUND\",\"items\":1,\"shopId\":\"%s\"}".formatted(shopId));
        assertThat(parked.statusCode()).isEqualTo(201);
        String tiktokReturnId = json(parked).path("returnId").asText();
        // the fix: the merchant connects the shop
        String merchant = ApiClient.uniqueMerchantId();
        String key = createMerchant(merchant);
        assertThat(api.connectTikTokShop(merchant, key, shopId).statusCode()).isEqualTo(200);

        signIn(ApiClient.ADMIN_TOKEN);
        browser.waitForText(By.id("health"), "Up");
        browser.waitForText(By.id("routes"), "tiktok-webhook-intake");
        browser.waitForText(By.id("breakers"), "TikTok");
        browser.screenshot("operator");
        browser.find(By.cssSelector("tr[data-queue='DLQ.tiktok.return-events'] button")).click();
        WebElement letter = browser.find(By.cssSelector("#dlq-messages tr[data-tiktok-return-id='" + tiktokReturnId + "']"));
        assertThat(letter.getText()).contains("UnknownShopException: no merchant has connected TikTok shop " + shopId)
                .contains("tiktok.return-events");
        browser.screenshot("dead-letter");
        letter.findElement(By.xpath(".//button[normalize-space()='Replay']")).click();

        browser.waitForText(By.id("notice"), "was put back on tiktok.return-events");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#dlq-messages tr[data-tiktok-return-id='" + tiktokReturnId + "']")).isEmpty());
        browser.screenshot("replayed");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                json(api.get("/api/returns?q=" + tiktokReturnId, key)).path("returns").size() == 1);
    }

    @Test
    void aKeyThatIsNotAcceptedIsRefusedInWords() {
        browser.open(api.uri("/console/").toString());
        browser.find(By.id("token")).sendKeys("rfk_not-a-key");
        browser.find(By.cssSelector("form button[type=submit]")).click();

        WebElement alert = browser.waitForText(By.id("alert"), "not accepted");
        assertThat(alert.getText()).isEqualTo("That key or token was not accepted. Check it and try again.");
        assertThat(browser.driver().findElements(By.id("sign-out"))).isEmpty();
        browser.screenshot("refused");
    }

    private static String newShopId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, 7_999_999_999_999_999_999L));
    }

    private void chooseFor(String sku, String decision) {
        browser.find(By.cssSelector("tr[data-sku='" + sku + "'] input[value='" + decision + "']")).click();
    }


    /** A merchant on the sandbox Shopify, labels off but with a return address, no WMS target. */
    private String createMerchant(String merchant) {
        HttpResponse<String> created = api.put("/api/admin/merchants/" + merchant, ApiClient.ADMIN_TOKEN, """
                {"name": "Console %s",
                 "shopify": {"shopDomain": "console.myshopify.com", "accessToken": "shpat_sandbox", "apiBaseUrl": "%s"},
                 "returns": {"useRedoReturnLabels": false, "mixedDecision": "APPROVE_ALL",
                             "returnAddress": {"name": "Acme Returns", "line1": "1 Dock Rd", "city": "Reno",
                                               "province": "NV", "zip": "89501", "country": "US"}}}"""
                .formatted(merchant, api.uri("/sandbox/shopify/admin/api/2025-10")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return api.createApiKey(merchant);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiClient.json(response);
    }
}
