package io.returnflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.returnflow.support.ApiClient;
import io.returnflow.support.Browser;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Value;

/**
 * The merchant key and the admin token stay out of every page's source and every URL the browser
 * requested, through every page of the console and TikTok's connect hops; the tab keeps the key in
 * sessionStorage only, and signing out forgets it.
 */
@ServiceTest
class ConsoleKeepsKeysOutOfPagesTest {

    @Value("${server.port}")
    int port;

    @Value("${sandbox.shop-id:7495540735365777507}")
    String sandboxShopId;
    private ApiClient api;
    private Browser browser;
    private final List<String> pagesSeen = new ArrayList<>();

    @BeforeEach
    void openBrowser() {
        api = new ApiClient(port);
        browser = Browser.start("noPageSourceOrUrlHoldsTheKeyOrToken");
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void noPageSourceOrUrlHoldsTheKeyOrToken() {
        String merchant = ApiClient.uniqueMerchantId();
        HttpResponse<String> created = api.put("/api/admin/merchants/" + merchant, ApiClient.ADMIN_TOKEN, """
                {"name": "Keys %s", "shopify": {"shopDomain": "keys.myshopify.com", "accessToken": "shpat_sandbox",
                 "apiBaseUrl": "%s"}}""".formatted(merchant, api.uri("/sandbox/shopify/admin/api/2025-10")));
        assertThat(created.statusCode()).isEqualTo(201);
        String key = api.createApiKey(merchant);
        List<String> secrets = List.of(key, ApiClient.ADMIN_TOKEN);

        browser.open(api.uri("/console/").toString());
        browser.find(By.id("token")).sendKeys(key);
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.find(By.id("sign-out"));
        seen(secrets, "returns");
        assertThat(browser.script("return sessionStorage.getItem('returnflow.console.session')")).asString().contains(key);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.driver().manage().getCookies()).isEmpty();

        api.releaseTikTokShop(sandboxShopId);
        browser.find(By.linkText("Integrations")).click();
        browser.find(By.id("connect-tiktok")).click();
        browser.find(By.linkText("Back to the console"));
        seen(secrets, "oauth-callback");
        browser.find(By.linkText("Back to the console")).click();
        browser.waitForText(By.cssSelector("section[aria-labelledby=tiktok-title] table"), "Connected");
        seen(secrets, "integrations");

        browser.find(By.linkText("Returns")).click();
        browser.find(By.id("simulate")).click();
        String tiktokReturnId = browser.waitForText(By.id("simulate-status"), "arrived.").getText()
                .replaceAll("^TikTok return (\\S+) arrived\\.$", "$1");
        browser.find(By.linkText(tiktokReturnId)).click();
        browser.find(By.id("send-decision"));
        seen(secrets, "return");

        browser.find(By.id("sign-out")).click();
        browser.find(By.id("token"));
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        browser.find(By.id("token")).sendKeys(ApiClient.ADMIN_TOKEN);
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.waitForText(By.id("dlq"), "DLQ.tiktok.return-events");
        seen(secrets, "operator");
        browser.open(api.uri("/console/").toString()); // a reload keeps the tab's sign-in
        browser.waitForText(By.id("dlq"), "DLQ.tiktok.return-events");
        seen(secrets, "operator-reloaded");

        List<String> urls = browser.requestedUrls();
        assertThat(urls).as("the pages made requests").anyMatch(url -> url.contains("/api/returns"));
        assertThat(urls).as("the connect hops were requested").anyMatch(url -> url.contains("/oauth/tiktok/callback"));
        for (String secret : secrets) {
            assertThat(urls).noneMatch(url -> url.contains(secret));
        }
        assertThat(pagesSeen).hasSize(6);
    }

    /** The page as it is now: neither its source (the live DOM) nor its URL holds a secret. */
    private void seen(List<String> secrets, String page) {
        String source = browser.pageSource();
        String url = browser.driver().getCurrentUrl();
        for (String secret : secrets) {
            assertThat(source).as("source of " + page).doesNotContain(secret);
            assertThat(url).as("URL of " + page).doesNotContain(secret);
        }
        browser.screenshot(page);
        pagesSeen.add(page);
    }
}
