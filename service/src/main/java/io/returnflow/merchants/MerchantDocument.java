package io.returnflow.merchants;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.secrets.MaskedRecord;

/**
 * A merchant on the wire ({@code PUT/GET /api/admin/merchants/{id}}), as in the service contract:
 * the merchant's own fields, then one section per target ({@code "netsuite": {...}}), read and
 * answered by the target's {@link TargetSection}. Answers carry every secret masked
 * ({@link SecretMask}); {@code id} is only ever answered, never read.
 *
 * @param sections every other field of the document, by name: the targets' sections (others are ignored)
 */
record MerchantDocument(String id, String name, Shopify shopify, Returns returns,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> sections) {

    /** Printed without the sections' contents: a document read from a PUT holds their secrets in clear. */
    @Override
    public String toString() {
        return "MerchantDocument[id=" + id + ", name=" + name + ", shopify=" + shopify + ", returns=" + returns
                + ", sections=" + (sections == null ? "{}" : sections.keySet()) + "]";
    }

    /** Printed with secrets masked, like every part holding one: a document read from a PUT has them in clear. */
    record Shopify(String shopDomain, String accessToken, String apiBaseUrl) {
        @Override
        public String toString() {
            return MaskedRecord.toString(this);
        }
    }

    /** @param deadlinePolicy read and answered by {@code io.returnflow.deadlinepolicy} (absent: off) */
    record Returns(Boolean useRedoReturnLabels, MixedDecision mixedDecision, Address returnAddress, JsonNode deadlinePolicy) {
    }

    record Address(String name, String line1, String line2, String city, String province, String zip, String country,
                   String phone) {

        static Address of(Merchant.ReturnAddress a) {
            return a == null ? null
                    : new Address(a.name(), a.line1(), a.line2(), a.city(), a.province(), a.zip(), a.country(), a.phone());
        }
    }

    /**
     * @param sections       the targets' sections, masked, in the order of the list of targets
     * @param deadlinePolicy the merchant's deadline policy as the wire shows it
     */
    static MerchantDocument masked(Merchant m, Map<String, JsonNode> sections, JsonNode deadlinePolicy) {
        return new MerchantDocument(m.id(), m.name(),
                new Shopify(m.shopify().shopDomain(), SecretMask.mask(m.shopify().accessToken()), m.shopify().apiBaseUrl()),
                new Returns(m.returns().useRedoReturnLabels(), m.returns().mixedDecision(), Address.of(m.returns().returnAddress()),
                        deadlinePolicy),
                sections);
    }
}
