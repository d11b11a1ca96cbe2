package io.returnflow.merchants;

import java.util.List;

/**
 * A merchant as its own API key sees it ({@code GET /api/merchants/{id}}): its settings, never a
 * secret nor a partner account detail.
 *
 * @param wmsTargets every WMS/3PL target the service knows, in the order of the list of targets, and
 *                   whether the merchant turned it on
 */
record MerchantProfile(String id, String name, Returns returns, List<WmsTarget> wmsTargets) {

    /** @param returnAddress where return labels send parcels; null when none is given */
    record Returns(boolean useRedoReturnLabels, MixedDecision mixedDecision, MerchantDocument.Address returnAddress) {
    }

    /**
     * @param target      as a return's {@code wms[].target} names it
     * @param displayName for people
     */
    record WmsTarget(String target, boolean enabled, String displayName) {
    }

    static MerchantProfile of(Merchant m, List<WmsTarget> targets) {
        return new MerchantProfile(m.id(), m.name(),
                new Returns(m.returns().useRedoReturnLabels(), m.returns().mixedDecision(),
                        MerchantDocument.Address.of(m.returns().returnAddress())),
                targets);
    }
}
