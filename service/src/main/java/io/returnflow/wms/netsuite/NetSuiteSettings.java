package io.returnflow.wms.netsuite;

import java.util.regex.Pattern;

import io.returnflow.merchants.Secret;
import io.returnflow.merchants.SettingsCheck;
import io.returnflow.merchants.TargetSection;
import io.returnflow.merchants.TargetSettings;

/**
 * A merchant's NetSuite account: token-based authentication (OAuth 1.0a) credentials, the REST host
 * override ({@code restBaseUrl}, null for {@code https://{account}.suitetalk.api.netsuite.com/services/rest})
 * and the location Return Authorizations are made for. The merchant document's {@code netsuite} section.
 */
public record NetSuiteSettings(boolean enabled, String accountId, Secret consumerKey, Secret consumerSecret,
                               Secret tokenId, Secret tokenSecret, String restBaseUrl, String locationId)
        implements TargetSettings {

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public static final TargetSection<NetSuiteSettings> SECTION = new TargetSection<>("NETSUITE", "netsuite", "NetSuite",
            NetSuiteSettings.class, new NetSuiteSettings(false, null, null, null, null, null, null, null),
            NetSuiteSettings::checked);

    /** Enabled: the account and all four credentials are required. */
    static NetSuiteSettings checked(NetSuiteSettings n, NetSuiteSettings stored, SettingsCheck check) {
        boolean on = n.enabled();
        int max = SettingsCheck.SECRET_MAX;
        return new NetSuiteSettings(on,
                check.matching("accountId", n.accountId(), on, 64, ACCOUNT, "a NetSuite account id such as 1234567_SB1"),
                check.secret("consumerKey", n.consumerKey(), stored == null ? null : stored.consumerKey(), on, max),
                check.secret("consumerSecret", n.consumerSecret(), stored == null ? null : stored.consumerSecret(), on, max),
                check.secret("tokenId", n.tokenId(), stored == null ? null : stored.tokenId(), on, max),
                check.secret("tokenSecret", n.tokenSecret(), stored == null ? null : stored.tokenSecret(), on, max),
                check.url("restBaseUrl", n.restBaseUrl()),
                check.optional("locationId", n.locationId(), 64));
    }
}
