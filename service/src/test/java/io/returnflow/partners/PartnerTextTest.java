package io.returnflow.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Partner error texts are stored and shown: they are cut to one bounded line. */
class PartnerTextTest {

    @Test
    void cutsARejectionThatEchoesAWholeAnswerToOneBoundedLine() {
        String body = "{\"errors\": [\n" + "{\"buyer\": \"Jane Doe, 1 Main St\"}, ".repeat(500) + "\n]}";

        PartnerRejectedException rejected = new PartnerRejectedException("Shopify", "422", body);

        assertThat(rejected.getMessage()).hasSizeLessThanOrEqualTo("Shopify rejected the call with 422: ".length() + PartnerText.MAX)
                .doesNotContain("\n").endsWith("…");
    }

    @Test
    void cutsAnUnavailablePartnersTextAlike() {
        PartnerUnavailableException unavailable = new PartnerUnavailableException("NetSuite", "x".repeat(10_000), null, null);

        assertThat(unavailable.getMessage()).hasSize("NetSuite: ".length() + PartnerText.MAX);
    }

    @Test
    void keepsAShortTextAsItIs() {
        assertThat(PartnerText.cut("Invalid return reason")).isEqualTo("Invalid return reason");
    }
}
