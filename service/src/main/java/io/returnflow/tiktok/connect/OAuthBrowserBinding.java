package io.returnflow.tiktok.connect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import io.returnflow.tiktok.TikTokProperties;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Binds a connect to the browser that started it, so that a connect link forwarded to someone
 * else (a merchant sending its own authorization URL to another merchant's seller) is refused at
 * the callback. The connect answer sets a cookie holding 256 random bits: HttpOnly, SameSite=Lax
 * (sent on the top-level redirect back from TikTok, not on requests other sites make), valid as
 * long as the state (30 minutes); the state row keeps only the value's SHA-256. Behind https
 * ({@code tiktok.oauth-redirect-url} is https) it is {@code __Host-tiktok-connect}, Secure, Path=/,
 * which no other host or plain-http page can set. A browser that already holds a valid cookie keeps
 * its value, so two connects started side by side in one browser both finish.
 */
@Component
class OAuthBrowserBinding {

    static final String COOKIE = "tiktok-connect";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();
    private final boolean secure;
    private final String cookieName;

    OAuthBrowserBinding(TikTokProperties tiktok) {
        this.secure = tiktok.oauthRedirectUrl() != null && tiktok.oauthRedirectUrl().startsWith("https:");
        this.cookieName = secure ? "__Host-" + COOKIE : COOKIE;
    }

    /** The value this browser is bound with: the one its cookie holds, or a new one. */
    String valueFor(HttpServletRequest request) {
        String held = presented(request);
        if (held != null) {
            return held;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The cookie that carries the value back on the callback. */
    ResponseCookie cookie(String value) {
        return ResponseCookie.from(cookieName, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .maxAge(OAuthStates.VALIDITY)
                .build();
    }

    /** The well-formed value of the request's connect cookie, or null. */
    String presented(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookieName.equals(cookie.getName()) && cookie.getValue() != null && VALUE.matcher(cookie.getValue()).matches()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** What the state row keeps; null stays null (no cookie). */
    static String hash(String value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
