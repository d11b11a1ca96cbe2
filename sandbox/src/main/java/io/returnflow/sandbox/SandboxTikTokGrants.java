package io.returnflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * What the sandbox TikTok authorizes: single-use authorization codes (in memory, 30 minutes, as
 * TikTok's), and access/refresh tokens naming the shops they cover. Tokens are self-contained and
 * signed with the app secret instead of remembered, so the tokens a local run stored stay valid for
 * the sandbox after a restart.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokGrants {

    static final Duration CODE_VALIDITY = Duration.ofMinutes(30);
    static final Duration ACCESS_VALIDITY = Duration.ofDays(7);
    static final Duration REFRESH_VALIDITY = Duration.ofDays(365);
    private static final String ACCESS = "at";
    private static final String REFRESH = "rt";

    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final SandboxTikTokApp tiktok;
    private final Clock clock;

    SandboxTikTokGrants(SandboxTikTokApp tiktok, Clock clock) {
        this.tiktok = tiktok;
        this.clock = clock;
    }

    /** The shops a seller authorized, as the redirect's code. */
    String issueCode(List<String> shopIds) {
        Instant now = clock.instant();
        codes.values().removeIf(pending -> pending.expiresAt().isBefore(now));
        String code = "sbxcode_" + randomText();
        codes.put(code, new PendingCode(List.copyOf(shopIds), now.plus(CODE_VALIDITY)));
        return code;
    }

    /** Spends the code: empty when unknown, already used or expired. */
    Optional<Tokens> redeem(String code) {
        PendingCode pending = code == null ? null : codes.remove(code);
        if (pending == null || !pending.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(tokens(pending.shopIds(), now.plus(ACCESS_VALIDITY), now.plus(REFRESH_VALIDITY)));
    }

    /** New tokens for a valid refresh token; the refresh token keeps its original expiry. */
    Optional<Tokens> refresh(String refreshToken) {
        return verify(refreshToken, REFRESH).map(grant ->
                tokens(grant.shopIds(), clock.instant().plus(ACCESS_VALIDITY), grant.expiresAt()));
    }

    /** The shops a valid access token covers; empty for a forged or expired token. */
    Optional<List<String>> shopsOf(String accessToken) {
        return verify(accessToken, ACCESS).map(Grant::shopIds);
    }

    /** The shop of a shop-scoped call: one the access token covers, whose cipher is {@code shopCipher}. */
    Optional<String> shopOf(String accessToken, String shopCipher) {
        return shopsOf(accessToken).orElse(List.of()).stream()
                .filter(id -> SandboxAuthorizedShopsApi.cipherOf(id).equals(shopCipher))
                .findFirst();
    }

    /** Stable per set of shops, as TikTok's open_id is per seller. */
    static String openIdOf(List<String> shopIds) {
        return "sbxseller_" + HexFormat.of().formatHex(sha256(String.join(",", shopIds))).substring(0, 24);
    }

    private Tokens tokens(List<String> shopIds, Instant accessExpiresAt, Instant refreshExpiresAt) {
        return new Tokens(token(ACCESS, shopIds, accessExpiresAt), accessExpiresAt,
                token(REFRESH, shopIds, refreshExpiresAt), refreshExpiresAt, shopIds);
    }

    private String token(String kind, List<String> shopIds, Instant expiresAt) {
        String payload = kind + "|" + expiresAt.getEpochSecond() + "|" + String.join(",", shopIds) + "|" + randomText();
        return "sbx" + kind + "_" + base64(payload.getBytes(StandardCharsets.UTF_8)) + "." + base64(mac(payload));
    }

    private Optional<Grant> verify(String token, String kind) {
        if (token == null || !token.startsWith("sbx" + kind + "_") || token.indexOf('.') < 0) {
            return Optional.empty();
        }
        try {
            String[] parts = token.substring(token.indexOf('_') + 1).split("\\.", 2);
            String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(mac(payload), Base64.getUrlDecoder().decode(parts[1]))) {
                return Optional.empty();
            }
            String[] fields = payload.split("\\|", -1);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[1]));
            if (!fields[0].equals(kind) || !expiresAt.isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Grant(Arrays.asList(fields[2].split(",")), expiresAt));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("sandbox-token:" + tiktok.appSecret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return base64(bytes);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Tokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt,
                  List<String> shopIds) {
        @Override
        public String toString() {
            return "Tokens[accessToken=****, accessTokenExpiresAt=" + accessTokenExpiresAt + ", refreshToken=****, "
                    + "refreshTokenExpiresAt=" + refreshTokenExpiresAt + ", shopIds=" + shopIds + "]";
        }
    }

    private record PendingCode(List<String> shopIds, Instant expiresAt) {
    }

    private record Grant(List<String> shopIds, Instant expiresAt) {
    }
}
