package io.returnflow.returns;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** What a merchant API caller hears when a return is unknown or its marketplace cannot be asked. */
final class MarketplaceCallAnswers {

    private MarketplaceCallAnswers() {
    }

    static <T> T answering(String returnId, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw answer(e, returnId);
        }
    }

    static RuntimeException answer(RuntimeException e, String returnId) {
        if (e instanceof NoSuchElementException) {
            return new ResponseStatusException(HttpStatus.NOT_FOUND, "no return " + returnId);
        }
        if (e instanceof PartnerUnavailableException unavailable) {
            return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the marketplace cannot be asked now, try again shortly (" + unavailable.partner() + " unavailable)");
        }
        if (e instanceof PartnerRejectedException rejected) {
            return new ResponseStatusException(HttpStatus.BAD_GATEWAY, rejected.getMessage());
        }
        if (e instanceof PermanentFailureException permanent) {
            // e.g. the return's shop is no longer connected
            return new ResponseStatusException(HttpStatus.CONFLICT, permanent.getMessage());
        }
        return e;
    }
}
