package io.returnflow.console;

import io.returnflow.support.ApiClient;
import io.returnflow.support.Browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Value;

/**
 * What every console page test starts from: the service's API, a headless Chromium named after the
 * test (its screenshots go under target/console-screenshots/&lt;test&gt;), and signing in with a token.
 * Subclasses carry {@code @ServiceTest}.
 */
abstract class ConsoleBrowserTest {

    @Value("${server.port}")
    int port;
    ApiClient api;
    Browser browser;

    @BeforeEach
    void openBrowser(TestInfo test) {
        api = new ApiClient(port);
        browser = Browser.start(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /** Signs in on the console's first page with a merchant key (or the admin token), as a person would. */
    void signIn(String token) {
        browser.open(api.uri("/console/").toString());
        browser.find(By.id("token")).sendKeys(token);
        browser.screenshot("sign-in");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.find(By.id("sign-out"));
    }
}
