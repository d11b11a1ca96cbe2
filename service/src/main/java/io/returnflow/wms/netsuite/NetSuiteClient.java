package io.returnflow.wms.netsuite;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerHosts;
import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * SuiteTalk REST record calls, signed with OAuth 1.0a TBA (HMAC-SHA256, realm = account id).
 * 429 and 5xx (NetSuite's per-account concurrency limit answers 429) become
 * {@link PartnerUnavailableException} with the Retry-After hint; any other 4xx becomes
 * {@link PartnerRejectedException} carrying NetSuite's {@code o:errorDetails}. Each account has its
 * own circuit breaker: accounts are limited and fail independently.
 */
@Component
public class NetSuiteClient {

    static final String PARTNER = "NetSuite";
    private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final RestClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final PartnerCircuitBreakers breakers;
    private final SecureRandom random = new SecureRandom();

    public NetSuiteClient(NetSuiteProperties netsuite, ObjectMapper json, Clock clock, PartnerCircuitBreakers breakers,
                          PartnerHosts hosts) {
        // The REST host may be the merchant's: it never resolves to the service's own network.
        this.http = PartnerHttp.restClient("", netsuite.connectTimeout(), netsuite.readTimeout(), hosts.resolver());
        this.json = json;
        this.clock = clock;
        this.breakers = breakers;
    }

    /** An answer: its status, the Location header (for creations), the body (or null). */
    public record Answer(int status, String location, JsonNode body) {
    }

    /** A record or a search page; empty on 404. */
    public Optional<JsonNode> get(NetSuiteAccount account, String path, Map<String, String> query) {
        Answer answer = send(account, HttpMethod.GET, path, query, null);
        return answer.status() == 404 ? Optional.empty() : Optional.ofNullable(answer.body());
    }

    /** A creation or transformation; answers the new record's {@code Location}, or null if none came. */
    public String post(NetSuiteAccount account, String path, Map<String, String> query, Object body) {
        Answer answer = send(account, HttpMethod.POST, path, query, body);
        if (answer.status() == 404) {
            throw new PartnerRejectedException(PARTNER, "404", describe(answer.body(), "no such record: " + path));
        }
        return answer.location();
    }

    /** The URI the call goes to: record base, path, and a query encoded as RFC 3986 (and so OAuth) wants. */
    static URI uri(NetSuiteAccount account, String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(account.restBaseUrl()).append("/record/v1").append(path);
        String separator = "?";
        for (Map.Entry<String, String> param : query.entrySet()) {
            uri.append(separator).append(OAuth1Signer.percentEncode(param.getKey())).append('=')
                    .append(OAuth1Signer.percentEncode(param.getValue()));
            separator = "&";
        }
        return URI.create(uri.toString());
    }

    /** The {@code Authorization} header of a call: fresh timestamp and nonce, HMAC-SHA256. */
    String authorization(NetSuiteAccount account, String method, URI uri) {
        Map<String, String> oauth = OAuth1Signer.sign(OAuth1Signer.Method.HMAC_SHA256, method, uri, List.of(),
                account.credentials(), String.valueOf(clock.instant().getEpochSecond()), nonce());
        return OAuth1Signer.authorizationHeader(account.realm(), oauth);
    }

    private Answer send(NetSuiteAccount account, HttpMethod method, String path, Map<String, String> query, Object body) {
        URI uri = uri(account, path, query == null ? Map.of() : new LinkedHashMap<>(query));
        byte[] bytes = body == null ? null : serialise(body);
        return breakers.call(PARTNER, account.accountId(), method.name() + " " + path, () -> {
            try {
                RestClient.RequestBodySpec request = http.method(method).uri(uri)
                        .header("Authorization", authorization(account, method.name(), uri))
                        .accept(MediaType.APPLICATION_JSON);
                if (bytes != null) {
                    request.contentType(MediaType.APPLICATION_JSON).body(bytes);
                }
                return request.exchange((req, response) -> read(path, response.getStatusCode().value(),
                        response.getHeaders().getFirst("Retry-After"), response.getHeaders().getFirst("Location"),
                        response.getBody().readAllBytes()));
            } catch (ResourceAccessException e) {
                throw new PartnerUnavailableException(PARTNER, "no answer on " + path + ": " + e.getMessage(), null, e);
            }
        });
    }

    private Answer read(String path, int status, String retryAfter, String location, byte[] body) {
        JsonNode parsed = parse(body);
        if (status == 429 || status >= 500) {
            throw new PartnerUnavailableException(PARTNER, "HTTP " + status + " on " + path
                    + describeSuffix(parsed), PartnerHttp.retryAfter(retryAfter), null);
        }
        if (status == 404) {
            return new Answer(status, null, parsed);
        }
        if (status >= 400) {
            throw new PartnerRejectedException(PARTNER, errorCode(parsed, status), describe(parsed, "HTTP " + status + " on " + path));
        }
        return new Answer(status, location, parsed);
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** NetSuite's {@code o:errorCode} of the first error detail, else the HTTP status. */
    private static String errorCode(JsonNode body, int status) {
        if (body != null) {
            for (JsonNode detail : body.path("o:errorDetails")) {
                String code = detail.path("o:errorCode").asText("");
                if (!code.isBlank()) {
                    return code;
                }
            }
        }
        return String.valueOf(status);
    }

    /** Every {@code o:errorDetails[].detail}, else the problem's title, else the fallback. */
    static String describe(JsonNode body, String fallback) {
        if (body == null) {
            return fallback;
        }
        List<String> details = new ArrayList<>();
        for (JsonNode detail : body.path("o:errorDetails")) {
            String text = detail.path("detail").asText("");
            if (!text.isBlank()) {
                details.add(text);
            }
        }
        if (!details.isEmpty()) {
            return String.join("; ", details);
        }
        return body.path("title").asText(fallback);
    }

    private static String describeSuffix(JsonNode body) {
        String described = describe(body, "");
        return described.isBlank() ? "" : ": " + described;
    }

    private byte[] serialise(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise NetSuite request body", e);
        }
    }

    private String nonce() {
        StringBuilder nonce = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            nonce.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
        }
        return nonce.toString();
    }
}
