package io.returnflow.deadlinepolicy;

import java.util.NoSuchElementException;

import io.returnflow.returns.Callers;
import io.returnflow.security.ApiPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/returns/{id}/deadline-policy}: what the merchant's deadline policy will do to the return, and when. */
@RestController
class ReturnDeadlinePolicyController {

    private final DeadlinePolicyPlan plans;

    ReturnDeadlinePolicyController(DeadlinePolicyPlan plans) {
        this.plans = plans;
    }

    @GetMapping("/api/returns/{returnId}/deadline-policy")
    DeadlinePolicyPlan.Plan plan(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String returnId,
                                 @RequestParam(required = false) String merchantId) {
        try {
            return plans.of(Callers.merchantOf(caller, merchantId), returnId);
        } catch (NoSuchElementException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, unknown.getMessage());
        }
    }
}
