package io.returnflow.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.partners.CircuitBreakerProperties;
import io.returnflow.partners.PartnerCircuitBreakers;

import org.junit.jupiter.api.Test;

/** A label URL in the provider's answer is downloaded only from the provider's hosts. */
class LabelFileHostsTest {

    private final EasyPostClient easyPost = new EasyPostClient(new LabelProperties("https://api.easypost.com", "key",
            new LabelProperties.Parcel(12, 9, 4, 16), "USPS", "", Map.of(),
            List.of("easypost-files.s3.us-west-2.amazonaws.com")),
            new ObjectMapper(), new PartnerCircuitBreakers(new CircuitBreakerProperties(20, 10, 50, Duration.ofSeconds(30), 3),
            new SimpleMeterRegistry()));

    @Test
    void downloadsFromTheProvidersFileHostOverHttps() {
        String url = "https://easypost-files.s3.us-west-2.amazonaws.com/files/postage_label/20250101/label.pdf";

        assertThat(easyPost.fileUri(url)).hasToString(url);
    }

    @Test
    void downloadsFromTheProvidersOwnHost() {
        assertThat(easyPost.fileUri("https://api.easypost.com/files/form.png")).hasHost("api.easypost.com");
    }

    @Test
    void refusesALabelUrlOnAnyOtherHostWithoutCallingIt() {
        for (String url : List.of("https://169.254.169.254/latest/meta-data/", "http://localhost:8080/actuator/prometheus",
                "http://easypost-files.s3.us-west-2.amazonaws.com/files/label.pdf",
                "https://easypost-files.s3.us-west-2.amazonaws.com.attacker.example/label.pdf",
                "https://x@easypost-files.s3.us-west-2.amazonaws.com/label.pdf", "file:///etc/passwd")) {
            assertThatThrownBy(() -> easyPost.download(url)).as(url).isInstanceOf(PermanentFailureException.class)
                    .hasMessageContaining("not on the provider's hosts");
        }
    }
}
