package io.returnflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Checks a sandbox NetSuite call the way NetSuite checks token-based authentication: an
 * {@code Authorization: OAuth} header with a realm, the known consumer key and token, HMAC-SHA256,
 * a timestamp within five minutes, a nonce not used before, and a signature that matches the one
 * computed here over the request as received. Anything else is NetSuite's INVALID_LOGIN.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxNetSuiteAuth {

    private static final long MAX_SKEW_SECONDS = 300;

    private final SandboxNetSuiteProperties credentials;
    private final Clock clock;
    private final Map<String, Long> usedNonces = new ConcurrentHashMap<>();
    private final AtomicLong nextCleanup = new AtomicLong();

    SandboxNetSuiteAuth(SandboxNetSuiteProperties credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Null when the call is authenticated, else why not (for the log; NetSuite's answer says less). */
    String problem(HttpServletRequest request) {
        Map<String, String> oauth = SandboxOAuth1.headerParameters(request.getHeader("Authorization"));
        if (oauth.isEmpty()) {
            return "no OAuth Authorization header";
        }
        if (oauth.getOrDefault("realm", "").isBlank()) {
            return "no realm (the account id)";
        }
        if (!credentials.consumerKey().equals(oauth.get("oauth_consumer_key"))
                || !credentials.tokenId().equals(oauth.get("oauth_token"))) {
            return "unknown consumer key or token";
        }
        if (!"HMAC-SHA256".equals(oauth.get("oauth_signature_method"))) {
            return "signature method must be HMAC-SHA256";
        }
        long now = clock.instant().getEpochSecond();
        long timestamp;
        try {
            timestamp = Long.parseLong(oauth.getOrDefault("oauth_timestamp", ""));
        } catch (NumberFormatException e) {
            return "no timestamp";
        }
        if (Math.abs(now - timestamp) > MAX_SKEW_SECONDS) {
            return "timestamp too far from now";
        }
        String given = oauth.get("oauth_signature");
        if (given == null || oauth.get("oauth_nonce") == null) {
            return "no signature or nonce";
        }
        Map<String, String> signed = new LinkedHashMap<>(oauth);
        signed.remove("realm");
        signed.remove("oauth_signature");
        String expected = SandboxOAuth1.hmacSha256(SandboxOAuth1.baseString(request.getMethod(),
                request.getRequestURL().toString(), request.getQueryString(), signed),
                credentials.consumerSecret(), credentials.tokenSecret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            return "signature mismatch";
        }
        forgetOldNonces(now);
        if (usedNonces.putIfAbsent(oauth.get("oauth_consumer_key") + ":" + oauth.get("oauth_nonce"), now) != null) {
            return "nonce used before";
        }
        return null;
    }

    /** Nonces older than any timestamp still accepted, dropped once a minute (not on every call: a scan of all). */
    private void forgetOldNonces(long now) {
        long due = nextCleanup.get();
        if (now >= due && nextCleanup.compareAndSet(due, now + 60)) {
            usedNonces.values().removeIf(at -> at < now - 2 * MAX_SKEW_SECONDS);
        }
    }
}
