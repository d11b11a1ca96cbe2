package io.returnflow.partners;

import java.time.Duration;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * One way to build the HTTP client of a partner: Apache HttpClient's pooled, synchronous
 * connections (the JDK client cost a worker-thread hand-off per call, and Spring started a thread
 * per request body), bounded connect and read timeouts, no redirects, no cookies (a partner's cookie
 * must not travel to the next merchant's call), no automatic retries (the flows retry explicitly).
 */
public final class PartnerHttp {

    /** Connections kept per partner host: enough for every consumer of a flow calling at once. */
    private static final int CONNECTIONS_PER_HOST = 64;

    private PartnerHttp() {
    }

    public static RestClient restClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        return restClient(baseUrl, connectTimeout, readTimeout, SystemDefaultDnsResolver.INSTANCE);
    }

    /** A client whose host names resolve through {@code resolver} ({@link PartnerHosts#resolver()}). */
    public static RestClient restClient(String baseUrl, Duration connectTimeout, Duration readTimeout, DnsResolver resolver) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnPerRoute(CONNECTIONS_PER_HOST)
                .setMaxConnTotal(4 * CONNECTIONS_PER_HOST)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .build())
                .build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        return RestClient.builder().baseUrl(baseUrl).requestFactory(new HttpComponentsClientHttpRequestFactory(http)).build();
    }

    /** Reads a Retry-After header given in seconds; null when absent or not a number. */
    public static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
