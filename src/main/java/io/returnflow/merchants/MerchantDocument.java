package io.returnflow.merchants;

import java.time.Instant;

import io.returnflow.secrets.MaskedRecord;

/**
 * A merchant on the wire ({@code PUT/GET /api/admin/merchants/{id}}), as in the service contract.
 * Answers carry every secret masked ({@link SecretMask}); {@code id} and
 * {@code shiphero.accessTokenExpiresAt} are only ever answered, never read.
 */
record MerchantDocument(String id, String name, Shopify shopify, Returns returns, NetSuite netsuite, ShipHero shiphero) {

    /** Printed with secrets masked, like every part holding one: a document read from a PUT has them in clear. */
    record Shopify(String shopDomain, String accessToken, String apiBaseUrl) {
        @Override
        public String toString() {
            return MaskedRecord.toString(this);
        }
    }

    record Returns(Boolean useRedoReturnLabels, MixedDecision mixedDecision, Address returnAddress) {
    }

    record Address(String name, String line1, String line2, String city, String province, String zip, String country,
                   String phone) {
    }

    record NetSuite(Boolean enabled, String accountId, String consumerKey, String consumerSecret, String tokenId,
                    String tokenSecret, String restBaseUrl, String locationId) {
        @Override
        public String toString() {
            return MaskedRecord.toString(this);
        }
    }

    record ShipHero(Boolean enabled, String accessToken, String refreshToken, String warehouseId,
                    Instant accessTokenExpiresAt) {
        @Override
        public String toString() {
            return MaskedRecord.toString(this);
        }
    }

    static MerchantDocument masked(Merchant m) {
        Merchant.ReturnAddress a = m.returns().returnAddress();
        Merchant.NetSuite ns = m.netsuite();
        Merchant.ShipHero sh = m.shiphero();
        return new MerchantDocument(m.id(), m.name(),
                new Shopify(m.shopify().shopDomain(), SecretMask.mask(m.shopify().accessToken()), m.shopify().apiBaseUrl()),
                new Returns(m.returns().useRedoReturnLabels(), m.returns().mixedDecision(), a == null ? null
                        : new Address(a.name(), a.line1(), a.line2(), a.city(), a.province(), a.zip(), a.country(), a.phone())),
                new NetSuite(ns.enabled(), ns.accountId(), SecretMask.mask(ns.consumerKey()),
                        SecretMask.mask(ns.consumerSecret()), SecretMask.mask(ns.tokenId()), SecretMask.mask(ns.tokenSecret()),
                        ns.restBaseUrl(), ns.locationId()),
                new ShipHero(sh.enabled(), SecretMask.mask(sh.accessToken()), SecretMask.mask(sh.refreshToken()),
                        sh.warehouseId(), sh.accessTokenExpiresAt()));
    }
}
