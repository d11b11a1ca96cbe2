package io.returnflow.wms.shiphero;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * ShipHero's public GraphQL API with a merchant's bearer token. A 401 refreshes the token once and
 * repeats the call. GraphQL {@code errors} in a 200 answer are errors: final
 * ({@link PartnerRejectedException}), except credit throttling, which is retried after the wait
 * ShipHero indicates (in place when short, else back on the broker with that delay). 429 and 5xx
 * are {@link PartnerUnavailableException}. One circuit breaker per merchant: a merchant's throttled
 * account must not cut the others off.
 */
@Component
public class ShipHeroClient {

    static final String PARTNER = "ShipHero";
    /** ShipHero's error code for "not enough credits". */
    static final int THROTTLED = 30;
    private static final int MAX_THROTTLE_WAITS = 3;
    private static final Pattern SECONDS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*sec");

    private final RestClient http;
    private final ShipHeroTokens tokens;
    private final ShipHeroProperties shiphero;
    private final ObjectMapper json;
    private final PartnerCircuitBreakers breakers;

    public ShipHeroClient(ShipHeroTokens tokens, ShipHeroProperties shiphero, ObjectMapper json,
                          PartnerCircuitBreakers breakers) {
        this.http = PartnerHttp.restClient(shiphero.apiBaseUrl(), shiphero.connectTimeout(), shiphero.readTimeout());
        this.tokens = tokens;
        this.shiphero = shiphero;
        this.json = json;
        this.breakers = breakers;
    }

    /** A merchant's calls, sharing its current token (refreshed at most once per session on a 401). */
    public Session session(String merchantId, ShipHeroSettings settings) {
        return new Session(merchantId, settings);
    }

    public final class Session {
        private final String merchantId;
        private final ShipHeroSettings settings;
        private String token;
        private boolean refreshed;

        private Session(String merchantId, ShipHeroSettings settings) {
            this.merchantId = merchantId;
            this.settings = settings;
        }

        /** Answers {@code data}; {@code operation} names the call in errors. */
        public JsonNode query(String operation, String query, Map<String, Object> variables) {
            if (token == null) {
                token = tokens.accessToken(merchantId, settings);
            }
            for (int throttled = 0; ; throttled++) {
                Answer answer = send(operation, query, variables);
                if (answer.status() == 401) {
                    if (refreshed) {
                        throw new PartnerRejectedException(PARTNER, "401", "a freshly refreshed token was refused on " + operation);
                    }
                    token = tokens.refresh(merchantId, settings);
                    refreshed = true;
                    throttled--;
                    continue;
                }
                Duration wait = answer.throttleWait();
                if (wait == null) {
                    return answer.data();
                }
                if (throttled >= MAX_THROTTLE_WAITS || wait.compareTo(shiphero.maxThrottleWait()) > 0) {
                    throw new PartnerUnavailableException(PARTNER, "not enough credits for " + operation, wait, null);
                }
                sleep(wait);
            }
        }

        private Answer send(String operation, String query, Map<String, Object> variables) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query);
            body.put("variables", variables);
            return breakers.call(PARTNER, merchantId, operation, () -> {
                try {
                    return http.post().uri("/graphql")
                            .header("Authorization", "Bearer " + token)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(body)
                            .exchange((request, response) -> read(operation, response.getStatusCode().value(),
                                    response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes()));
                } catch (ResourceAccessException e) {
                    throw new PartnerUnavailableException(PARTNER, "no answer on " + operation + ": " + e.getMessage(), null, e);
                }
            });
        }
    }

    /** @param throttleWait how long ShipHero asks to wait for credits, or null when not throttled */
    private record Answer(int status, JsonNode data, Duration throttleWait) {
    }

    private Answer read(String operation, int status, String retryAfter, byte[] body) {
        if (status == 401) {
            return new Answer(status, null, null);
        }
        if (status == 429 || status >= 500) {
            throw new PartnerUnavailableException(PARTNER, "HTTP " + status + " on " + operation,
                    PartnerHttp.retryAfter(retryAfter), null);
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            throw new PartnerRejectedException(PARTNER, String.valueOf(status), operation + " answered no JSON");
        }
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            Duration wait = throttleWait(errors);
            if (wait != null) {
                return new Answer(status, null, wait);
            }
            JsonNode first = errors.get(0);
            throw new PartnerRejectedException(PARTNER, first.path("code").asText(String.valueOf(status)),
                    operation + ": " + first.path("message").asText("an error without a message"));
        }
        if (status >= 400) {
            // Never the answer itself: it may hold the merchant's data.
            throw new PartnerRejectedException(PARTNER, String.valueOf(status), operation + ": HTTP " + status);
        }
        return new Answer(status, answer.path("data"), null);
    }

    /**
     * ShipHero's credit throttle (code 30, "not enough credits"): the wait it indicates, from
     * {@code time_remaining} or the message ("... available in 1.5 seconds"); 1 s when it names none.
     */
    static Duration throttleWait(JsonNode errors) {
        for (JsonNode error : errors) {
            String message = error.path("message").asText("");
            if (error.path("code").asInt(-1) != THROTTLED && !message.toLowerCase().contains("not enough credits")) {
                continue;
            }
            JsonNode remaining = error.path("time_remaining");
            if (remaining.isNumber()) {
                return Duration.ofMillis((long) Math.ceil(remaining.asDouble() * 1000));
            }
            for (String text : new String[] {remaining.asText(""), message}) {
                Matcher seconds = SECONDS.matcher(text);
                if (seconds.find()) {
                    return Duration.ofMillis((long) Math.ceil(Double.parseDouble(seconds.group(1)) * 1000));
                }
            }
            return Duration.ofSeconds(1);
        }
        return null;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerUnavailableException(PARTNER, "interrupted while waiting for credits", wait, e);
        }
    }
}
