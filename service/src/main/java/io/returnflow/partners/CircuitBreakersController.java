package io.returnflow.partners;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/circuit-breakers} (admin token): each partner's breaker, its state and recent failures. */
@RestController
class CircuitBreakersController {

    private final PartnerCircuitBreakers breakers;

    CircuitBreakersController(PartnerCircuitBreakers breakers) {
        this.breakers = breakers;
    }

    @GetMapping("/api/admin/circuit-breakers")
    List<PartnerCircuitBreakers.Breaker> breakers() {
        return breakers.breakers();
    }
}
