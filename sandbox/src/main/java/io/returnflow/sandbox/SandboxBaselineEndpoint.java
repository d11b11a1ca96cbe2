package io.returnflow.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC endpoint that reads the body and answers 200, nothing else: the intake benchmark
 * measures it in the same run as the webhook intake, so the intake's figures come with what the
 * HTTP stack alone costs on the same machine.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxBaselineEndpoint {

    @PostMapping("/sandbox/baseline")
    ResponseEntity<Void> answer(@RequestBody(required = false) byte[] body) {
        return ResponseEntity.ok().build();
    }
}
