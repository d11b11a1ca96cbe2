package io.returnflow.tiktok;

import java.time.Instant;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/admin/tiktok/shops/{shopId}/reconcile} (admin token): runs the shop's
 * reconciliation round now, through the same route as the timer's rounds, and says what it found.
 * 409 while another instance runs the shop's round; 404 for a shop that is not connected.
 */
@RestController
class TikTokReconcileController {

    /**
     * @param searchedFrom  returns TikTok updated from here on were searched
     * @param searchedUntil ... up to here
     * @param missed        returns the service had never recorded, now on their way
     * @param behind        returns recorded at an older update, now on their way
     */
    record RoundAnswer(String shopId, Instant searchedFrom, Instant searchedUntil, long missed, long behind) {
    }

    private final ProducerTemplate camel;

    TikTokReconcileController(ProducerTemplate camel) {
        this.camel = camel;
    }

    @PostMapping("/api/admin/tiktok/shops/{shopId}/reconcile")
    RoundAnswer reconcile(@PathVariable String shopId) {
        TikTokReconciliation.Round round;
        try {
            round = camel.requestBodyAndHeader("direct:tiktok-reconcile-shop", shopId, "ReconcileNow", true,
                    TikTokReconciliation.Round.class);
        } catch (CamelExecutionException failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof UnknownShopException unknown) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND, unknown.getMessage());
                }
            }
            throw failed;
        }
        if (round == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "another instance runs the reconciliation of TikTok shop "
                    + shopId + " now");
        }
        long behind = round.findings().stream().filter(TikTokReconciliation.Finding::recorded).count();
        return new RoundAnswer(shopId, Instant.ofEpochSecond(round.lease().since()),
                Instant.ofEpochSecond(round.lease().until()), round.findings().size() - behind, behind);
    }
}
