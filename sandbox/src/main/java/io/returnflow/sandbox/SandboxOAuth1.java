package io.returnflow.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What NetSuite computes to check token-based authentication, written here from RFC 5849 (OAuth 1.0)
 * and NetSuite's TBA documentation rather than taken from the service's signer, so that the sandbox
 * NetSuite checks the service's signing: the {@code Authorization: OAuth} header read back (section
 * 3.5.1), the signature base string (3.4.1) and the HMAC-SHA256 signature (3.4.2, with SHA-256 as
 * NetSuite requires).
 */
final class SandboxOAuth1 {

    private static final Pattern HEADER_PARAM = Pattern.compile("\\s*([^=\\s,]+)\\s*=\\s*\"([^\"]*)\"\\s*(,|$)");

    private SandboxOAuth1() {
    }

    /** The header's parameters, decoded, realm included; empty when it is not an OAuth header or is malformed. */
    static Map<String, String> headerParameters(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return params;
        }
        Matcher m = HEADER_PARAM.matcher(header.substring(6));
        int at = 0;
        while (at < header.length() - 6 && m.find(at) && m.start() == at) {
            params.put(percentDecode(m.group(1)), percentDecode(m.group(2)));
            at = m.end();
        }
        return at == header.length() - 6 ? params : Map.of();
    }

    /**
     * @param baseUri     scheme://host[:port]/path as the request arrived (3.4.1.2)
     * @param rawQuery    the query string as sent, or null
     * @param oauthParams the header's parameters except realm and oauth_signature
     */
    static String baseString(String method, String baseUri, String rawQuery, Map<String, String> oauthParams) {
        List<String[]> params = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    params.add(new String[] {formDecode(eq < 0 ? pair : pair.substring(0, eq)),
                            eq < 0 ? "" : formDecode(pair.substring(eq + 1))});
                }
            }
        }
        oauthParams.forEach((name, value) -> params.add(new String[] {name, value}));
        List<String[]> encoded = new ArrayList<>();
        for (String[] param : params) {
            encoded.add(new String[] {encode(param[0]), encode(param[1])});
        }
        // 3.4.1.3.2: by encoded name, then by encoded value (not as "name=value" strings: "a-b" sorts after "a")
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        List<String> pairs = encoded.stream().map(p -> p[0] + "=" + p[1]).toList();
        return method.toUpperCase(Locale.ROOT) + "&" + encode(normalized(baseUri)) + "&" + encode(String.join("&", pairs));
    }

    static String hmacSha256(String baseString, String consumerSecret, String tokenSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            String key = encode(consumerSecret) + "&" + encode(tokenSecret);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Lower-case scheme and host; the port only when not the scheme's default. */
    private static String normalized(String baseUri) {
        java.net.URI uri = java.net.URI.create(baseUri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean usual = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port)
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }

    /** 3.6: every octet but ALPHA, DIGIT, "-", ".", "_", "~" as %XX, upper-case hex. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", (int) c));
            }
        }
        return out.toString();
    }

    private static String percentDecode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String formDecode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
