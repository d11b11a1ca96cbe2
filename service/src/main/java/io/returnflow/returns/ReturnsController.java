package io.returnflow.returns;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import io.returnflow.security.ApiPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The merchant's returns. A merchant key sees only its merchant's returns (another merchant's
 * return is 404); the admin token names the merchant with {@code merchantId}.
 */
@RestController
@RequestMapping("/api/returns")
class ReturnsController {

    private static final int MAX_PAGE = 100;

    private final ReturnQueries returns;

    ReturnsController(ReturnQueries returns) {
        this.returns = returns;
    }

    @GetMapping
    ReturnQueries.Page page(@AuthenticationPrincipal ApiPrincipal caller,
                            @RequestParam(required = false) String merchantId,
                            @RequestParam(required = false) ReturnState state,
                            @RequestParam(required = false) String kind,
                            @RequestParam(required = false) String q,
                            @RequestParam(defaultValue = "false") boolean needsAttention,
                            @RequestParam(required = false) String dueWithin,
                            @RequestParam(defaultValue = "20") int limit,
                            @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_PAGE);
        }
        Duration due = dueWithin == null ? null : duration(dueWithin);
        try {
            return returns.page(merchantOf(caller, merchantId), state, kind(kind), q, needsAttention, due, limit, cursor);
        } catch (IllegalArgumentException badCursor) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, badCursor.getMessage());
        }
    }

    /** Counts for the returns list: how many returns need someone now, how many are due within 24 h or overdue. */
    @GetMapping("/summary")
    ReturnQueries.Summary summary(@AuthenticationPrincipal ApiPrincipal caller, @RequestParam(required = false) String merchantId) {
        return returns.summary(merchantOf(caller, merchantId));
    }

    @GetMapping("/{returnId}")
    ReturnView one(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String returnId,
                   @RequestParam(required = false) String merchantId) {
        return returns.find(merchantOf(caller, merchantId), returnId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no return " + returnId));
    }

    /** {@code kind}: RETURN or CANCELLATION (any case), or absent for both. */
    private static ReturnKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return ReturnKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "kind must be one of "
                    + Arrays.toString(ReturnKind.values()).replaceAll("[\\[\\]]", ""));
        }
    }

    /** {@code dueWithin}: a positive ISO-8601 duration such as PT24H or P2D. */
    private static Duration duration(String dueWithin) {
        Duration parsed;
        try {
            parsed = Duration.parse(dueWithin.trim());
        } catch (DateTimeParseException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dueWithin must be a positive ISO-8601 duration"
                    + " such as PT24H, PT30M or P2D, not '" + (dueWithin.length() > 40 ? dueWithin.substring(0, 40) + "..." : dueWithin) + "'");
        }
        return parsed;
    }

    private static String merchantOf(ApiPrincipal caller, String merchantId) {
        return Callers.merchantOf(caller, merchantId);
    }
}
