package io.returnflow.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The TikTok Shop app as the sandbox TikTok knows it from its registration: the same keys the app
 * (the service) is configured with ({@code tiktok.*}), read by the sandbox on its own, so that
 * nothing of the service's code is needed to imitate TikTok.
 *
 * @param oauthRedirectUrl where the sandbox's authorization page sends the seller back
 */
@ConfigurationProperties("tiktok")
public record SandboxTikTokApp(
        @DefaultValue("sandbox-app-key") String appKey,
        @DefaultValue("sandbox-app-secret") String appSecret,
        @DefaultValue("sandbox-service") String serviceId,
        @DefaultValue("http://localhost:8080/oauth/tiktok/callback") String oauthRedirectUrl) {

    /** Printed without the app secret, like every record holding one (the sandbox has no MaskedRecord of its own). */
    @Override
    public String toString() {
        return "SandboxTikTokApp[appKey=" + appKey + ", appSecret=****, serviceId=" + serviceId
                + ", oauthRedirectUrl=" + oauthRedirectUrl + "]";
    }
}
