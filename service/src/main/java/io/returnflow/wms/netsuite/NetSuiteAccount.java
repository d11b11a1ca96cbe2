package io.returnflow.wms.netsuite;

import java.util.Locale;

import io.returnflow.merchants.Secret;
import io.returnflow.messaging.PermanentFailureException;

/**
 * One merchant's NetSuite account as the client calls it: the REST host and the token-based
 * authentication credentials.
 *
 * @param restBaseUrl {@code https://{account}.suitetalk.api.netsuite.com/services/rest}, or the merchant's override
 */
public record NetSuiteAccount(String accountId, String restBaseUrl, OAuth1Signer.Credentials credentials) {

    public static NetSuiteAccount of(String merchantId, NetSuiteSettings ns) {
        if (ns == null || ns.accountId() == null || ns.consumerKey() == null || ns.consumerSecret() == null
                || ns.tokenId() == null || ns.tokenSecret() == null) {
            throw new PermanentFailureException("merchant " + merchantId + " has no complete NetSuite account "
                    + "(accountId, consumerKey, consumerSecret, tokenId, tokenSecret)");
        }
        String base = ns.restBaseUrl() != null && !ns.restBaseUrl().isBlank()
                ? ns.restBaseUrl().replaceAll("/+$", "")
                : "https://" + hostPart(ns.accountId()) + ".suitetalk.api.netsuite.com/services/rest";
        return new NetSuiteAccount(ns.accountId(), base,
                new OAuth1Signer.Credentials(Secret.valueOf(ns.consumerKey()), Secret.valueOf(ns.consumerSecret()),
                        Secret.valueOf(ns.tokenId()), Secret.valueOf(ns.tokenSecret())));
    }

    /** {@code 1234567_SB1} -> {@code 1234567-sb1}, as NetSuite spells account ids in host names. */
    static String hostPart(String accountId) {
        return accountId.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The OAuth realm: the account id as NetSuite writes it ({@code 1234567_SB1}). */
    public String realm() {
        return accountId.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "NetSuiteAccount[" + accountId + ", " + restBaseUrl + "]";
    }
}
