package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sandbox NetSuite's own reading of OAuth 1.0a, against RFC 5849's examples and a NetSuite search signed by hand. */
class SandboxOAuth1Test {

    /** RFC 5849 section 3.4.1.1 (query part): repeated names, an encoded "=" and "%", a "@" in a name, an empty value. */
    @Test
    void buildsTheRfcBaseStringFromTheQueryAndTheHeaderParameters() {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", "9djdj82h48djs9d2");
        oauth.put("oauth_token", "kkk9d7dh3k39sjv7");
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", "137131201");
        oauth.put("oauth_nonce", "7d8f3e4a");

        String base = SandboxOAuth1.baseString("POST", "http://example.com/request", "b5=%3D%253D&a3=a&c%40=&a2=r%20b&c2=&a3=2+q", oauth);

        assertThat(base).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D"
                + "%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void checksANetSuiteSearchSignedByHand() {
        Map<String, String> header = SandboxOAuth1.headerParameters("OAuth realm=\"1234567_SB1\",oauth_consumer_key=\"ck-123\","
                + "oauth_token=\"tok-456\",oauth_signature_method=\"HMAC-SHA256\",oauth_timestamp=\"1700000000\","
                + "oauth_nonce=\"nOnCe42\",oauth_version=\"1.0\",oauth_signature=\"b8AL8gINol%2FqlfBR1lIQtFKdhuRfvcbvmvsLZpYUalE%3D\"");
        Map<String, String> signed = new LinkedHashMap<>(header);
        signed.remove("realm");
        String given = signed.remove("oauth_signature");

        String base = SandboxOAuth1.baseString("GET", "https://1234567-sb1.suitetalk.api.netsuite.com:443/services/rest/record/v1/salesOrder",
                "q=otherRefNum%20IS%20%22%231001%22", signed);

        assertThat(header.get("realm")).isEqualTo("1234567_SB1");
        assertThat(SandboxOAuth1.hmacSha256(base, "cs", "ts")).isEqualTo(given).isEqualTo("b8AL8gINol/qlfBR1lIQtFKdhuRfvcbvmvsLZpYUalE=");
        assertThat(SandboxOAuth1.hmacSha256(base, "c&s", "t+s")).as("secrets are encoded into the key")
                .isEqualTo("wuA6HNQTTRQ3MYlKks+s9tNrgLfjxhVE0GEkW8h6RHU=");
    }

    @Test
    void readsNothingFromAHeaderThatIsNotOAuthOrIsMalformed() {
        assertThat(SandboxOAuth1.headerParameters("Bearer abc")).isEmpty();
        assertThat(SandboxOAuth1.headerParameters("OAuth oauth_token=\"a\" junk")).isEmpty();
    }
}
