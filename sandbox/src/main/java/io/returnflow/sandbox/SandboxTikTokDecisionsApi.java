package io.returnflow.sandbox;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox Partner API's decision calls: approve, reject, and the reject reasons of a return,
 * signed and answered as TikTok does (HTTP 200 with TikTok's envelope, error codes in it). The rules
 * are {@link SandboxReturnDecisions}'.
 */
@RestController
@RequestMapping(SandboxSignatureCheck.API_PREFIX + "/return_refund/202309")
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokDecisionsApi {

    private final SandboxReturnDecisions decisions;
    private final SandboxCancellations cancellations;
    private final SandboxData data;
    private final SandboxSignatureCheck signatures;
    private final ObjectMapper json;

    SandboxTikTokDecisionsApi(SandboxReturnDecisions decisions, SandboxCancellations cancellations, SandboxData data,
                              SandboxSignatureCheck signatures, ObjectMapper json) {
        this.decisions = decisions;
        this.cancellations = cancellations;
        this.data = data;
        this.signatures = signatures;
        this.json = json;
    }

    @PostMapping("/returns/{returnId}/approve")
    Map<String, Object> approve(HttpServletRequest request, @PathVariable String returnId,
                                @RequestBody(required = false) byte[] body) throws IOException {
        return decide(request, returnId, body, false);
    }

    @PostMapping("/returns/{returnId}/reject")
    Map<String, Object> reject(HttpServletRequest request, @PathVariable String returnId,
                               @RequestBody(required = false) byte[] body) throws IOException {
        return decide(request, returnId, body, true);
    }

    /** For a return or, as TikTok's parameter name says, a cancellation. */
    @GetMapping("/reject_reasons")
    Map<String, Object> rejectReasons(HttpServletRequest request,
                                      @RequestParam(name = "return_or_cancel_id", required = false) String returnId) {
        Map<String, Object> problem = signatures.problem(request, new byte[0], false);
        if (problem != null) {
            return problem;
        }
        String id = returnId == null ? "" : returnId;
        return data.findReturn(id)
                .map(ret -> SandboxEnvelope.ok(Map.of("reasons", SandboxReturnDecisions.asJson(decisions.rejectReasons(ret)))))
                .or(() -> data.findCancellation(id).map(cancellation -> SandboxEnvelope.ok(Map.of("reasons",
                        SandboxReturnDecisions.asJson(cancellations.rejectReasons(cancellation))))))
                .orElseGet(() -> SandboxEnvelope.error(SandboxReturnDecisions.RETURN_NOT_FOUND, "The return order does not exist"));
    }

    private Map<String, Object> decide(HttpServletRequest request, String returnId, byte[] body, boolean reject)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body;
        Map<String, Object> problem = signatures.problem(request, bytes, false);
        if (problem != null) {
            return problem;
        }
        JsonNode decision = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        Map<String, Object> asMap = json.convertValue(decision, new TypeReference<>() { });
        SandboxReturnDecisions.Answer answer = decisions.apiDecision(returnId, request.getParameter("shop_cipher"),
                request.getParameter("idempotency_key"), reject, SandboxReturnDecisions.Decision.of(decision, asMap));
        return answer.ok() ? SandboxEnvelope.ok(Map.of()) : SandboxEnvelope.error(answer.code(), answer.message());
    }
}
