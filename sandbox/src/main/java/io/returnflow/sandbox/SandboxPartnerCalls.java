package io.returnflow.sandbox;

import java.util.List;

/** Which sandbox paths are the partner APIs the service calls, as opposed to the controls people and tests use. */
final class SandboxPartnerCalls {

    private static final List<String> PARTNER_API_PREFIXES = List.of(
            SandboxSignatureCheck.API_PREFIX + "/return_refund/",
            SandboxSignatureCheck.API_PREFIX + "/authorization/",
            SandboxSignatureCheck.API_PREFIX + "/event/",
            "/sandbox/tiktok-auth/api/",
            "/sandbox/shopify/admin/",
            "/sandbox/netsuite/services/",
            "/sandbox/shiphero/graphql",
            "/sandbox/shiphero/auth/",
            "/sandbox/labels/v2/");

    private SandboxPartnerCalls() {
    }

    static boolean isPartnerApi(String path) {
        return PARTNER_API_PREFIXES.stream().anyMatch(path::startsWith);
    }

    static boolean isTikTokPartnerApi(String path) {
        return path.startsWith(SandboxSignatureCheck.API_PREFIX + "/") && isPartnerApi(path);
    }
}
