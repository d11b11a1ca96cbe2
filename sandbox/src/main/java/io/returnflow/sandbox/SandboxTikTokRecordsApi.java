package io.returnflow.sandbox;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A return's records (the buyer's note, images, videos) on the sandbox Partner API, signed as
 * TikTok's are, and the sandbox control that lets the buyer add some.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxTikTokRecordsApi {

    private final SandboxData data;
    private final SandboxReturnRecords records;
    private final SandboxSignatureCheck signatures;

    SandboxTikTokRecordsApi(SandboxData data, SandboxReturnRecords records, SandboxSignatureCheck signatures) {
        this.data = data;
        this.records = records;
        this.signatures = signatures;
    }

    @GetMapping(SandboxSignatureCheck.API_PREFIX + "/return_refund/202309/returns/{returnId}/records")
    Map<String, Object> records(HttpServletRequest request, @PathVariable String returnId) {
        Map<String, Object> problem = signatures.problem(request, new byte[0], false);
        if (problem != null) {
            return problem;
        }
        String mediaBase = ServletUriComponentsBuilder.fromContextPath(request).path(SandboxTikTokMedia.PATH).toUriString();
        return data.findReturn(returnId)
                .map(ret -> SandboxEnvelope.ok(Map.of("records", records.of(ret, mediaBase))))
                .orElseGet(() -> SandboxEnvelope.error(SandboxReturnDecisions.RETURN_NOT_FOUND, "The return order does not exist"));
    }

    record AddedEvidence(String note, List<Map<String, Object>> images, List<Map<String, Object>> videos) {
    }

    /** The buyer adds to the case (a note, image and video addresses as TikTok's CDN would give them). */
    @PostMapping("/sandbox/tiktok/returns/{returnId}/records")
    @ResponseStatus(HttpStatus.CREATED)
    void add(@PathVariable String returnId, @RequestBody AddedEvidence evidence) {
        if (data.findReturn(returnId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no sandbox return " + returnId);
        }
        records.add(returnId, evidence.note(), evidence.images(), evidence.videos());
    }
}
