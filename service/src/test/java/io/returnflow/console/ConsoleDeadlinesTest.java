package io.returnflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * TikTok's deadlines in the console, in a real headless Chromium: the returns list shows each open
 * return's time left (overdue in red), lists those due within 24 h, and the return page shows its
 * deadline. Screenshots in target/console-screenshots.
 */
@ServiceTest
class ConsoleDeadlinesTest extends ConsoleBrowserTest {

    @Test
    void theReturnsListShowsTimeLeftOverdueInRedAndTheReturnPageItsDeadline() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(api, Map.of());
        String overdue = merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", "-PT30M").path("returnId").asText();
        String soon = merchant.buyerAsksForReturnDueIn("REFUND", "PT3H").path("returnId").asText();
        String later = merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", "P3D").path("returnId").asText();
        merchant.awaitReturn(overdue);
        merchant.awaitReturn(soon);
        merchant.awaitReturn(later);

        signIn(merchant.apiKey);
        WebElement late = deadlineOf(overdue);
        assertThat(late.getText()).startsWith("Overdue by 3").contains("min");
        assertThat(late.getCssValue("color")).isEqualTo("rgba(165, 14, 14, 1)");
        assertThat(deadlineOf(soon).getText()).matches("(2 h 5\\d min|3 h) left");
        assertThat(deadlineOf(later).getText()).matches("(2 d 23 h|3 d) left");
        assertThat(browser.find(By.id("due-count")).getText()).isEqualTo("1 due within 24 h, 1 overdue");
        browser.screenshot("deadlines-in-the-list");

        browser.find(By.id("due-count")).click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("#returns-list tbody tr")).size() == 2);
        assertThat(browser.driver().findElements(By.cssSelector("#returns-list tbody tr")))
                .extracting(row -> row.getDomAttribute("data-tiktok-return-id")).containsExactly(overdue, soon);
        browser.screenshot("due-within-24h");

        browser.find(By.linkText(soon)).click();
        WebElement deadline = browser.waitForText(By.id("tiktok-deadline"), "left");
        assertThat(deadline.getText()).contains("Past it, TikTok decides by itself (SELLER_RESPOND_REFUND)");
        browser.screenshot("deadline-on-the-return");
    }

    private WebElement deadlineOf(String tiktokReturnId) {
        return browser.find(By.cssSelector("tr[data-tiktok-return-id='" + tiktokReturnId + "'] .deadline"));
    }
}
