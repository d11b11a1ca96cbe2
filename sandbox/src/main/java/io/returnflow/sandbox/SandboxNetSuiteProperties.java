package io.returnflow.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token-based authentication credentials the sandbox NetSuite accepts (any account id as realm).
 * A merchant whose NetSuite points at the sandbox ({@code restBaseUrl}) must carry these.
 */
@ConfigurationProperties("sandbox.netsuite")
public record SandboxNetSuiteProperties(
        @DefaultValue("sbx-ns-consumer-key") String consumerKey,
        @DefaultValue("sbx-ns-consumer-secret") String consumerSecret,
        @DefaultValue("sbx-ns-token-id") String tokenId,
        @DefaultValue("sbx-ns-token-secret") String tokenSecret) {

    @Override
    public String toString() {
        return "SandboxNetSuiteProperties[consumerKey=****, consumerSecret=****, tokenId=****, tokenSecret=****]";
    }
}
