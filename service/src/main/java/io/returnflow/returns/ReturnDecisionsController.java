package io.returnflow.returns;

import java.util.List;

import io.returnflow.security.ApiPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The merchant decides on a return: approve or reject each item. 202 once the decision is recorded;
 * it reaches the marketplace asynchronously and the return's {@code sync} shows how far it got.
 * Another merchant's return is 404.
 */
@RestController
@RequestMapping("/api/returns/{returnId}")
class ReturnDecisionsController {

    private final ReturnDecisions decisions;

    ReturnDecisionsController(ReturnDecisions decisions) {
        this.decisions = decisions;
    }

    @PostMapping("/decision")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReturnView decide(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String returnId,
                      @RequestParam(required = false) String merchantId, @RequestBody DecisionRequest request) {
        String merchant = Callers.merchantOf(caller, merchantId);
        try {
            return decisions.decide(merchant, returnId, request);
        } catch (DecisionRefusedException refused) {
            throw new ResponseStatusException(refused.isConflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
                    refused.getMessage());
        } catch (RuntimeException e) {
            throw MarketplaceCallAnswers.answer(e, returnId);
        }
    }

    @GetMapping("/reject-reasons")
    List<RejectReason> rejectReasons(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String returnId,
                                     @RequestParam(required = false) String merchantId) {
        String merchant = Callers.merchantOf(caller, merchantId);
        return MarketplaceCallAnswers.answering(returnId, () -> decisions.rejectReasons(merchant, returnId));
    }

    @GetMapping("/decision-options")
    ReturnDecisions.Options decisionOptions(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String returnId,
                                            @RequestParam(required = false) String merchantId) {
        String merchant = Callers.merchantOf(caller, merchantId);
        return MarketplaceCallAnswers.answering(returnId, () -> decisions.options(merchant, returnId));
    }
}
