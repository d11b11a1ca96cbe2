package io.returnflow.support;

import java.util.List;

import io.returnflow.partners.PartnerHostProperties;
import io.returnflow.partners.PartnerHosts;

/** Partner hosts as the test profile has them: the simulated partners on plain http at localhost. */
public final class OpenPartnerHosts {

    private OpenPartnerHosts() {
    }

    public static PartnerHosts open() {
        return new PartnerHosts(new PartnerHostProperties(true, true, List.of("myshopify.com")));
    }
}
