package io.returnflow.tiktok;

import io.returnflow.secrets.MaskedRecord;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The TikTok Shop app this service acts as, and the hosts it talks to. */
@ConfigurationProperties("tiktok")
public record TikTokProperties(
        String appKey,
        String appSecret,
        String serviceId,
        String apiBaseUrl,
        String authBaseUrl,
        String authorizeUrl,
        String oauthRedirectUrl) {

    /** The app secret masked. */
    @Override
    public String toString() {
        return MaskedRecord.toString(this);
    }
}
