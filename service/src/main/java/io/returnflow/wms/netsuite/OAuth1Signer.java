package io.returnflow.wms.netsuite;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.returnflow.secrets.MaskedRecord;

/**
 * OAuth 1.0a request signing as RFC 5849 section 3 defines it, which is what NetSuite's
 * token-based authentication (TBA) is: percent-encoding (3.6), parameter normalization (3.4.1.3.2),
 * the signature base string (3.4.1), HMAC signatures keyed by the two secrets (3.4.2), and the
 * {@code Authorization: OAuth} header (3.5.1), where {@code realm} appears but is never signed.
 * Written by hand because the JDK has no OAuth 1.0a, and pulling a client library for ~150 lines
 * would hide exactly the parts NetSuite is strict about.
 */
public final class OAuth1Signer {

    /** {@code oauth_signature_method} values and their JCA names. */
    public enum Method {
        HMAC_SHA256("HMAC-SHA256", "HmacSHA256"),
        HMAC_SHA1("HMAC-SHA1", "HmacSHA1");

        private final String oauthName;
        private final String jcaName;

        Method(String oauthName, String jcaName) {
            this.oauthName = oauthName;
            this.jcaName = jcaName;
        }

        public String oauthName() {
            return oauthName;
        }

        public static Method of(String oauthName) {
            for (Method method : values()) {
                if (method.oauthName.equals(oauthName)) {
                    return method;
                }
            }
            throw new IllegalArgumentException("unsupported oauth_signature_method " + oauthName);
        }
    }

    /** A name/value pair; names may repeat (RFC 5849 3.4.1.3.1). */
    public record Param(String name, String value) {
    }

    /** The client and token credentials (RFC 5849 1.1); NetSuite: consumer key/secret and token id/secret. */
    public record Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {
        @Override
        public String toString() {
            return MaskedRecord.toString(this);
        }
    }

    private OAuth1Signer() {
    }

    /**
     * RFC 5849 3.6: UTF-8, then every byte outside ALPHA / DIGIT / "-" / "." / "_" / "~" as
     * {@code %XX} with upper-case hex. Unlike {@code URLEncoder}, a space is {@code %20}, never {@code +}.
     */
    public static String percentEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * RFC 5849 3.4.1.2: scheme and host in lower case, the port only when it is not the scheme's
     * default, the path as sent, no query and no fragment.
     */
    public static String baseStringUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /**
     * RFC 5849 3.4.1.3.2: every name and value percent-encoded, sorted by encoded name then
     * encoded value (byte order), joined as {@code name=value} with {@code &}.
     */
    public static String normalizeParameters(List<Param> params) {
        List<Param> encoded = new ArrayList<>(params.size());
        for (Param param : params) {
            encoded.add(new Param(percentEncode(param.name()), percentEncode(param.value() == null ? "" : param.value())));
        }
        encoded.sort(Comparator.comparing(Param::name).thenComparing(Param::value));
        StringBuilder out = new StringBuilder();
        for (Param param : encoded) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(param.name()).append('=').append(param.value());
        }
        return out.toString();
    }

    /**
     * RFC 5849 3.4.1.1: {@code METHOD&enc(base string URI)&enc(normalized parameters)}.
     *
     * @param params the query parameters (decoded), form-encoded body parameters if any, and the
     *               {@code oauth_*} protocol parameters except {@code oauth_signature} and {@code realm}
     */
    public static String baseString(String method, URI uri, List<Param> params) {
        return method.toUpperCase(Locale.ROOT) + '&' + percentEncode(baseStringUri(uri)) + '&'
                + percentEncode(normalizeParameters(params));
    }

    /** RFC 5849 3.4.2: base64 of the HMAC over the base string, keyed {@code enc(consumer secret)&enc(token secret)}. */
    public static String signature(Method method, String baseString, String consumerSecret, String tokenSecret) {
        String key = percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance(method.jcaName);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), method.jcaName));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(method.jcaName + " is not available in this JVM", e);
        }
    }

    /** The query parameters of a URI, decoded (RFC 5849 3.4.1.3.1), in order. */
    public static List<Param> queryParameters(URI uri) {
        List<Param> params = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new Param(decode(name), decode(value)));
        }
        return params;
    }

    /** {@code application/x-www-form-urlencoded} decoding, as RFC 5849 3.4.1.3.1 asks for query and body. */
    static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /**
     * The protocol parameters of a signed request, {@code oauth_signature} included, in the order
     * they go into the header.
     */
    public static Map<String, String> sign(Method method, String httpMethod, URI uri, List<Param> bodyParams,
                                           Credentials credentials, String timestamp, String nonce) {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", credentials.consumerKey());
        oauth.put("oauth_token", credentials.token());
        oauth.put("oauth_signature_method", method.oauthName());
        oauth.put("oauth_timestamp", timestamp);
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_version", "1.0");
        List<Param> params = new ArrayList<>(queryParameters(uri));
        params.addAll(bodyParams);
        oauth.forEach((name, value) -> params.add(new Param(name, value)));
        oauth.put("oauth_signature", signature(method, baseString(httpMethod, uri, params),
                credentials.consumerSecret(), credentials.tokenSecret()));
        return oauth;
    }

    /**
     * RFC 5849 3.5.1: {@code OAuth realm="...", name="enc(value)", ...}. The realm is quoted as given
     * and is not part of the signature.
     */
    public static String authorizationHeader(String realm, Map<String, String> oauthParams) {
        StringBuilder header = new StringBuilder("OAuth ");
        if (realm != null) {
            header.append("realm=\"").append(realm).append('"');
        }
        oauthParams.forEach((name, value) -> {
            if (header.length() > "OAuth ".length()) {
                header.append(',');
            }
            header.append(percentEncode(name)).append("=\"").append(percentEncode(value)).append('"');
        });
        return header.toString();
    }

    /**
     * Reads an {@code Authorization: OAuth ...} header back into its parameters, decoded
     * ({@code realm} included when present); empty when it is not an OAuth header.
     */
    public static Map<String, String> parseAuthorizationHeader(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return params;
        }
        for (String part : header.substring(6).split(",")) {
            String trimmed = part.trim();
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = trimmed.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            params.put(decode(trimmed.substring(0, eq).trim()), decode(value.replace("+", "%2B")));
        }
        return params;
    }
}
