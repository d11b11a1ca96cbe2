package io.returnflow.deadlinepolicy;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.merchants.MerchantStore;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A merchant's deadline policy, as the merchant edits it in the console (its API key, or the admin
 * token): the same {@code returns.deadlinePolicy} the merchant document holds.
 */
@RestController
@RequestMapping("/api/merchants/{merchantId}/deadline-policy")
class DeadlinePolicyController {

    private final DeadlinePolicies policies;
    private final MerchantStore merchants;

    DeadlinePolicyController(DeadlinePolicies policies, MerchantStore merchants) {
        this.policies = policies;
        this.merchants = merchants;
    }

    @GetMapping
    DeadlinePolicyDocument policy(@PathVariable String merchantId) {
        known(merchantId);
        return policies.document(merchantId);
    }

    /** Replaces the policy; {@code {"enabled": false}} (or {@code {}}) turns it off, and what was pending with it. */
    @PutMapping
    DeadlinePolicyDocument setPolicy(@PathVariable String merchantId, @RequestBody(required = false) JsonNode submitted) {
        if (submitted == null || submitted.isNull()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "send a deadline policy such as {\"enabled\": true,"
                    + " \"warnBefore\": [\"PT24H\"], \"defaultDecision\": {\"type\": \"NONE\"}}");
        }
        DeadlinePolicy policy = policies.checked(submitted, "", "invalid deadline policy: ");
        known(merchantId);
        policies.save(merchantId, policy);
        return policies.document(merchantId);
    }

    private void known(String merchantId) {
        if (!merchants.exists(merchantId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no merchant " + merchantId);
        }
    }
}
