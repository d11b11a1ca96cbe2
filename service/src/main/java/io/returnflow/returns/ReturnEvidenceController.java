package io.returnflow.returns;

import java.util.NoSuchElementException;

import io.returnflow.security.ApiPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The buyer's evidence on a return (note, images, videos), read from its marketplace. Another merchant's return is 404. */
@RestController
class ReturnEvidenceController {

    private final ReturnQueries queries;
    private final MarketplaceEvidence marketplace;

    ReturnEvidenceController(ReturnQueries queries, MarketplaceEvidence marketplace) {
        this.queries = queries;
        this.marketplace = marketplace;
    }

    @GetMapping("/api/returns/{returnId}/evidence")
    ReturnEvidence evidence(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String returnId,
                            @RequestParam(required = false) String merchantId) {
        String merchant = Callers.merchantOf(caller, merchantId);
        return MarketplaceCallAnswers.answering(returnId, () -> marketplace.evidence(queries.find(merchant, returnId)
                .orElseThrow(() -> new NoSuchElementException("no return " + returnId))));
    }
}
