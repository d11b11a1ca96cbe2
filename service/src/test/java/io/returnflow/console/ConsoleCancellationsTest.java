package io.returnflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A buyer's cancellation request in the console, in a real headless Chromium: marked with a badge
 * in the returns list, unlike a return. Screenshots in target/console-screenshots.
 */
@ServiceTest
class ConsoleCancellationsTest extends ConsoleBrowserTest {

    @Test
    void theReturnsListMarksACancellationRequestWithItsBadgeAndAReturnWithNone() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(api, Map.of());
        JsonNode ret = merchant.buyerAsksForReturn("REFUND", 1);
        merchant.awaitReturn(ret.path("returnId").asText());
        String cancelId = ApiClient.json(merchant.api.postJson("/sandbox/tiktok/cancellations", null,
                "{\"orderId\": \"%s\"}".formatted(ret.path("orderId").asText()))).path("cancelId").asText();
        merchant.awaitReturn(cancelId);

        signIn(merchant.apiKey);

        assertThat(browser.waitForText(By.cssSelector("tr[data-tiktok-return-id='" + cancelId + "'] .kind-cell"),
                "Cancellation request").getText()).isEqualTo("Cancellation request Cancellation by the buyer");
        assertThat(browser.find(By.cssSelector("tr[data-tiktok-return-id='" + ret.path("returnId").asText() + "'] .kind-cell"))
                .getText()).isEqualTo("Refund only");
        browser.screenshot("cancellation-in-the-list");
    }
}
