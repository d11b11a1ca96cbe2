package io.returnflow.merchants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerHostProperties;
import io.returnflow.partners.PartnerHosts;
import io.returnflow.wms.netsuite.NetSuiteSettings;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/**
 * A merchant document read as prod reads it (app.partners closed): partner URLs that point at the
 * service's own network or at plain http are refused, naming the field. (The shared test context
 * opens them for the simulated partners, so this reads the document without it.)
 */
class MerchantPartnerUrlsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final PartnerHosts closed = new PartnerHosts(new PartnerHostProperties(false, false, List.of("myshopify.com")));

    @Test
    void refusesAShopifyApiUrlOnTheMetadataAddressNamingTheField() {
        assertThatThrownBy(() -> read("""
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "shpat_x",
                 "apiBaseUrl": "https://169.254.169.254/latest"}}"""))
                .isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("shopify.apiBaseUrl must not name a loopback, private or link-local host");
    }

    @Test
    void refusesANetSuiteRestUrlOnPlainHttpNamingTheField() {
        assertThatThrownBy(() -> read("""
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "shpat_x"},
                 "netsuite": {"enabled": true, "accountId": "1234567", "consumerKey": "ck", "consumerSecret": "cs",
                  "tokenId": "ti", "tokenSecret": "ts", "restBaseUrl": "http://93.184.216.34/services/rest"}}"""))
                .hasMessageContaining("netsuite.restBaseUrl must be an absolute https URL");
    }

    @Test
    void takesAMerchantWhosePartnerUrlsAreHttpsOnPublicHosts() throws Exception {
        MerchantDocumentReader.Read read = read("""
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "shpat_x",
                 "apiBaseUrl": "https://93.184.216.34/admin/api/2025-10"}}""");

        assertThat(read.merchant().shopify().apiBaseUrl()).isEqualTo("https://93.184.216.34/admin/api/2025-10");
    }

    private MerchantDocumentReader.Read read(String document) throws Exception {
        MerchantDocument doc = json.readValue(document, MerchantDocument.class);
        return MerchantDocumentReader.read("acme", doc, null, List.of(NetSuiteSettings.SECTION), section -> null, json, closed);
    }
}
