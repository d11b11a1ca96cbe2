package io.returnflow.wms.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.returnflow.wms.netsuite.OAuth1Signer.Credentials;
import io.returnflow.wms.netsuite.OAuth1Signer.Method;
import io.returnflow.wms.netsuite.OAuth1Signer.Param;

import org.junit.jupiter.api.Test;

/**
 * RFC 5849 signing. The RFC's own examples cover percent-encoding, normalization, the base string
 * and HMAC-SHA1; NetSuite uses HMAC-SHA256, for which the RFC has no example, so that case was
 * computed by hand (see {@link #signsANetSuiteSearchWithHmacSha256AsComputedByHand()}).
 */
class OAuth1SignerTest {

    /** RFC 5849 section 1.2: Jane's printer fetches a photo (realm "Photos", HMAC-SHA1, no oauth_version). */
    @Test
    void signsTheRfc5849Section1Point2PhotoRequest() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        List<Param> params = new ArrayList<>(OAuth1Signer.queryParameters(uri));
        params.addAll(List.of(new Param("oauth_consumer_key", "dpf43f3p2l4k3l03"), new Param("oauth_token", "nnch734d00sl2jdk"),
                new Param("oauth_signature_method", "HMAC-SHA1"), new Param("oauth_timestamp", "137131202"),
                new Param("oauth_nonce", "chapoH")));

        String base = OAuth1Signer.baseString("GET", uri, params);

        assertThat(base).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key"
                + "%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp"
                + "%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal");
        assertThat(OAuth1Signer.signature(Method.HMAC_SHA1, base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    }

    /**
     * RFC 5849 section 3.4.1.1: repeated names, an encoded "=" and "%", a "@" in a name, an empty
     * value, form-encoded body parameters ("c2", "a3=2 q"), and the realm left out.
     */
    @Test
    void buildsTheRfc5849Section3Point4Point1Point1BaseString() {
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<Param> params = new ArrayList<>(OAuth1Signer.queryParameters(uri));
        params.addAll(List.of(new Param("c2", ""), new Param("a3", "2 q"),
                new Param("oauth_consumer_key", "9djdj82h48djs9d2"), new Param("oauth_token", "kkk9d7dh3k39sjv7"),
                new Param("oauth_signature_method", "HMAC-SHA1"), new Param("oauth_timestamp", "137131201"),
                new Param("oauth_nonce", "7d8f3e4a")));

        assertThat(OAuth1Signer.baseString("POST", uri, params)).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%25"
                + "20b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
                + "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token"
                + "%3Dkkk9d7dh3k39sjv7");
    }

    /** RFC 5849 section 3.4.1.2: lower-case scheme and host, no default port, no query. */
    @Test
    void normalizesTheBaseStringUriAsRfc5849Section3Point4Point1Point2Shows() {
        assertThat(OAuth1Signer.baseStringUri(URI.create("http://EXAMPLE.COM:80/r%20v/X?id=123")))
                .isEqualTo("http://example.com/r%20v/X");
        assertThat(OAuth1Signer.baseStringUri(URI.create("https://www.example.net:8080/?q=1")))
                .isEqualTo("https://www.example.net:8080/");
    }

    /** RFC 5849 section 3.6: unreserved characters stay, everything else is %XX of its UTF-8 bytes. */
    @Test
    void percentEncodesAsRfc5849Section3Point6Says() {
        assertThat(OAuth1Signer.percentEncode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(OAuth1Signer.percentEncode("a b+c*d/e=f&g\"#%")).isEqualTo("a%20b%2Bc%2Ad%2Fe%3Df%26g%22%23%25");
        assertThat(OAuth1Signer.percentEncode("é☃")).isEqualTo("%C3%A9%E2%98%83");
    }

    /**
     * A NetSuite record search signed with HMAC-SHA256, computed by hand, independently of this code:
     * the base string was written out by applying RFC 5849 3.4.1 step by step (query value
     * {@code otherRefNum IS "#1001"} decoded, then percent-encoded once in the normalized parameters
     * and a second time in the base string), checked against Python's
     * {@code urllib.parse.quote(s, safe='-._~')}, and signed with
     * {@code printf '%s' "$BASE" | openssl dgst -sha256 -hmac 'cs&ts' -binary | base64}; and again
     * with secrets that need encoding in the key ({@code c&s} and {@code t+s} give the key
     * {@code c%26s&t%2Bs}).
     */
    @Test
    void signsANetSuiteSearchWithHmacSha256AsComputedByHand() {
        URI uri = URI.create("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/salesOrder"
                + "?q=otherRefNum%20IS%20%22%231001%22");

        Map<String, String> oauth = OAuth1Signer.sign(Method.HMAC_SHA256, "GET", uri, List.of(),
                new Credentials("ck-123", "cs", "tok-456", "ts"), "1700000000", "nOnCe42");

        assertThat(oauth.get("oauth_signature")).isEqualTo("b8AL8gINol/qlfBR1lIQtFKdhuRfvcbvmvsLZpYUalE=");
        String base = "GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2FsalesOrder"
                + "&oauth_consumer_key%3Dck-123%26oauth_nonce%3DnOnCe42%26oauth_signature_method%3DHMAC-SHA256"
                + "%26oauth_timestamp%3D1700000000%26oauth_token%3Dtok-456%26oauth_version%3D1.0"
                + "%26q%3DotherRefNum%2520IS%2520%2522%25231001%2522";
        assertThat(OAuth1Signer.signature(Method.HMAC_SHA256, base, "c&s", "t+s"))
                .isEqualTo("wuA6HNQTTRQ3MYlKks+s9tNrgLfjxhVE0GEkW8h6RHU=");
    }

    @Test
    void putsTheRealmInTheHeaderButNotInTheSignature() {
        URI uri = URI.create("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/salesOrder/42");
        Credentials credentials = new Credentials("ck", "cs", "tk", "ts");
        Map<String, String> oauth = OAuth1Signer.sign(Method.HMAC_SHA256, "GET", uri, List.of(), credentials, "1700000000", "n1");

        String header = OAuth1Signer.authorizationHeader("1234567_SB1", oauth);

        assertThat(header).startsWith("OAuth realm=\"1234567_SB1\",oauth_consumer_key=\"ck\",oauth_token=\"tk\","
                + "oauth_signature_method=\"HMAC-SHA256\",oauth_timestamp=\"1700000000\",oauth_nonce=\"n1\",oauth_version=\"1.0\","
                + "oauth_signature=\"");
        Map<String, String> parsed = OAuth1Signer.parseAuthorizationHeader(header);
        assertThat(parsed).containsEntry("realm", "1234567_SB1").containsEntry("oauth_signature", oauth.get("oauth_signature"));
        assertThat(OAuth1Signer.sign(Method.HMAC_SHA256, "GET", uri, List.of(), credentials, "1700000000", "n1"))
                .as("same request, same signature, whatever the realm").isEqualTo(oauth);
    }

    @Test
    void aDifferentSecretOrPathGivesADifferentSignature() {
        URI uri = URI.create("https://a.example/services/rest/record/v1/salesOrder/42");
        String base = OAuth1Signer.baseString("GET", uri, List.of(new Param("oauth_nonce", "n")));
        assertThat(OAuth1Signer.signature(Method.HMAC_SHA256, base, "cs", "ts"))
                .isNotEqualTo(OAuth1Signer.signature(Method.HMAC_SHA256, base, "cs", "other"));
        assertThat(OAuth1Signer.baseString("GET", URI.create("https://a.example/services/rest/record/v1/salesOrder/43"),
                List.of(new Param("oauth_nonce", "n")))).isNotEqualTo(base);
    }
}
