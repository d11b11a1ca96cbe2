package io.returnflow.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Merchant-supplied partner URLs, with the prod defaults (closed) and with the local profile's settings. */
class PartnerHostsTest {

    private final PartnerHosts closed = new PartnerHosts(new PartnerHostProperties(false, false, List.of("myshopify.com")));
    private final PartnerHosts local = new PartnerHosts(new PartnerHostProperties(true, true, List.of("myshopify.com")));

    @Test
    void refusesPlainHttpOutsideLocal() {
        assertThat(closed.refusal("http://93.184.216.34/services/rest")).contains("must be an absolute https URL");
        assertThat(local.refusal("http://93.184.216.34/services/rest")).isEmpty();
    }

    @Test
    void acceptsAnHttpsUrlOnAPublicAddress() {
        assertThat(closed.refusal("https://93.184.216.34/admin/api/2025-10")).isEmpty();
    }

    @Test
    void refusesLoopbackPrivateLinkLocalAndWildcardAddresses() {
        for (String url : List.of("https://127.0.0.1/x", "https://127.8.9.10/x", "https://localhost:8080/x",
                "https://api.localhost/x", "https://10.0.0.5/x", "https://172.16.3.4/x", "https://192.168.1.1/x",
                "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/x", "https://100.64.0.1/x", "https://[::1]/x",
                "https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::ffff:127.0.0.1]/x")) {
            assertThat(closed.refusal(url)).as(url).contains("must not name a loopback, private or link-local host");
        }
    }

    @Test
    void letsTheLocalProfileCallItsSimulatedPartnersOnLocalhost() {
        assertThat(local.refusal("http://localhost:8080/sandbox/shopify/admin/api/2025-10")).isEmpty();
    }

    @Test
    void refusesUrlsThatAreNotHttpOrCarryCredentials() {
        assertThat(closed.refusal("ftp://93.184.216.34/x")).contains("must be an absolute https URL");
        assertThat(closed.refusal("not a url")).contains("must be an absolute https URL");
        assertThat(closed.refusal("https://user:pw@93.184.216.34/x")).contains("must not carry a user name or password");
    }

    @Test
    void connectsToNoNameThatResolvesToAPrivateAddress() {
        assertThatThrownBy(() -> closed.resolver().resolve("localhost")).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("private address");
    }

    @Test
    void takesShopDomainsUnderTheConfiguredDomainsOnly() {
        assertThat(closed.isShopifyDomain("acme.myshopify.com")).isTrue();
        assertThat(closed.isShopifyDomain("ACME.MyShopify.com")).isTrue();
        assertThat(closed.isShopifyDomain("myshopify.com")).isFalse();
        assertThat(closed.isShopifyDomain("acme.myshopify.com.attacker.example")).isFalse();
        assertThat(closed.isShopifyDomain("evilmyshopify.com")).isFalse();
        PartnerHosts overridden = new PartnerHosts(new PartnerHostProperties(false, false, List.of("*.shops.example")));
        assertThat(overridden.isShopifyDomain("acme.shops.example")).isTrue();
        assertThat(overridden.shopifyDomains()).isEqualTo("*.shops.example");
    }
}
