package io.returnflow.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled     simulated partners on this server under /sandbox (local profile only)
 * @param shopId      the TikTok shop the sandbox plays
 * @param webhookUrl  where the sandbox delivers its webhooks; empty = this server's /webhooks/tiktok
 * @param latency     how long every partner API call takes at least, as real partners do (benchmarks)
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("7495540735365777507") String shopId,
        String webhookUrl,
        @DefaultValue("0ms") Duration latency) {
}
