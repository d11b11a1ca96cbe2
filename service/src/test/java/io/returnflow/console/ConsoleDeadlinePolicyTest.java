package io.returnflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The deadline policy in the console, in a real headless Chromium: the merchant sets it on the
 * Integrations page (a bad duration is refused, saying so), and a return's page says what the policy
 * will do and when. Screenshots in target/console-screenshots.
 */
@ServiceTest
class ConsoleDeadlinePolicyTest extends ConsoleBrowserTest {

    @Test
    void theMerchantSetsThePolicyAndTheReturnPageSaysWhatItWillDoAndWhen() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(api, Map.of());
        String tiktokReturnId = merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", "P2D").path("returnId").asText();
        merchant.awaitReturn(tiktokReturnId);
        signIn(merchant.apiKey);

        browser.find(By.linkText("Integrations")).click();
        browser.find(By.id("policy-enabled")).click();
        browser.find(By.id("policy-warn")).sendKeys("PT24H, soon");
        new Select(browser.find(By.id("policy-type"))).selectByValue("APPROVE_UP_TO");
        browser.find(By.id("policy-before")).sendKeys("PT2H");
        browser.find(By.id("policy-amount")).sendKeys("500.00");
        browser.find(By.id("policy-currency")).sendKeys("USD");
        browser.find(By.id("policy-save")).click();
        assertThat(browser.waitForText(By.id("policy-status"), "warnBefore[1]").getText())
                .contains("must be a positive ISO-8601 duration");

        browser.find(By.id("policy-warn")).clear();
        browser.find(By.id("policy-warn")).sendKeys("PT24H, PT4H");
        browser.find(By.id("policy-save")).click();
        browser.waitForText(By.id("policy-status"), "Saved");
        browser.screenshot("deadline-policy-settings");
        JsonNode stored = ApiClient.json(api.get("/api/merchants/" + merchant.merchantId + "/deadline-policy", merchant.apiKey));
        assertThat(stored.path("warnBefore").toString()).isEqualTo("[\"PT24H\",\"PT4H\"]");
        assertThat(stored.path("defaultDecision").path("maxRefund").path("amount").asText()).isEqualTo("500.00");

        browser.open(api.uri("/console/").toString());
        browser.find(By.linkText(tiktokReturnId)).click();
        assertThat(browser.waitForText(By.id("policy-plan"), "deadline policy will").getText())
                .contains("2 h before TikTok's deadline").contains("approve every item")
                .contains("Warning PT24H before: at");
        browser.screenshot("deadline-policy-on-the-return");
    }
}
