package io.returnflow.messaging;

import java.util.List;

import io.returnflow.web.ApiError;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Dead-letter administration (admin token): the dead-letter queues and their depths, their
 * messages with the reason they failed, replay to the queue they failed on, delete.
 */
@RestController
@RequestMapping("/api/admin/dlq")
class DeadLetterAdminController {

    private static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;

    DeadLetterAdminController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Either some messages by id, or all of them. */
    record ReplayRequest(List<String> ids, Boolean all) {
    }

    @GetMapping
    List<DeadLetters.DeadLetterQueue> queues() {
        return deadLetters.queues();
    }

    @GetMapping("/{queue}/messages")
    List<DeadLetters.DeadLetter> messages(@PathVariable String queue, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return deadLetters.browse(known(queue), limit);
    }

    @PostMapping("/{queue}/replay")
    DeadLetters.Replay replay(@PathVariable String queue, @RequestBody(required = false) ReplayRequest request) {
        boolean all = request != null && Boolean.TRUE.equals(request.all());
        boolean some = request != null && request.ids() != null && !request.ids().isEmpty();
        if (all == some) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "send either {\"ids\": [...]} or {\"all\": true}");
        }
        String known = known(queue);
        return all ? deadLetters.replayAll(known) : deadLetters.replay(known, request.ids());
    }

    @DeleteMapping("/{queue}/messages/{id}")
    ResponseEntity<Void> delete(@PathVariable String queue, @PathVariable String id) {
        if (!deadLetters.delete(known(queue), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no message " + id + " in " + queue);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(BrokerManagement.BrokerManagementException.class)
    ResponseEntity<ApiError> brokerUnavailable(BrokerManagement.BrokerManagementException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError(e.getMessage()));
    }

    private String known(String queue) {
        if (!deadLetters.exists(queue)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead-letter queue " + queue);
        }
        return queue;
    }
}
