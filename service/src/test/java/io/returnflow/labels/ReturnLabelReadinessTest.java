package io.returnflow.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Labels need TikTok's return_provider_id of their carrier: what is missing is named, in the API and at a prod start. */
class ReturnLabelReadinessTest {

    private static ReturnLabelReadiness readiness(String carrier, Map<String, String> providerIds) {
        return new ReturnLabelReadiness(new LabelProperties("https://api.easypost.com", "", new LabelProperties.Parcel(12, 9, 4, 16),
                carrier, "", providerIds, List.of()));
    }

    @Test
    void namesTheProviderIdSettingOfThePreferredCarrierWhenItIsMissing() {
        assertThat(readiness("UPS", Map.of("USPS", "7117858")).missingSetting())
                .hasValueSatisfying(missing -> assertThat(missing).startsWith("labels.return-provider-ids.UPS is not set"));
    }

    @Test
    void isReadyWhenThePreferredCarrierHasItsProviderIdWhateverTheCase() {
        assertThat(readiness("usps", Map.of("USPS", "7117858")).missingSetting()).isEmpty();
        assertThat(readiness("usps", Map.of("USPS", "7117858")).providerId("USPS")).contains("7117858");
    }

    @Test
    void needsSomeProviderIdWhenNoCarrierIsPreferred() {
        assertThat(readiness("", Map.of()).missingSetting()).hasValueSatisfying(missing ->
                assertThat(missing).startsWith("labels.return-provider-ids is empty"));
    }

    @Test
    void aProdStartWithLabelsInUseFailsNamingTheMissingSetting() {
        ReturnLabelStartupCheck check = new ReturnLabelStartupCheck(true, () -> true, readiness("UPS", Map.of()));

        assertThatThrownBy(check::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("labels.return-provider-ids.UPS is not set");
    }

    @Test
    void aProdStartWithoutLabelsInUseOrALocalStartIsNotStopped() {
        new ReturnLabelStartupCheck(true, () -> false, readiness("UPS", Map.of())).afterSingletonsInstantiated();
        new ReturnLabelStartupCheck(false, () -> true, readiness("UPS", Map.of())).afterSingletonsInstantiated();
    }
}
