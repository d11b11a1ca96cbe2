package io.returnflow.console;

import io.returnflow.sandbox.SandboxProperties;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console's pages need to know about this server before anyone signs in. Open, like the
 * pages themselves: it says only which controls make sense here, nothing about any merchant.
 */
@RestController
class ConsoleConfigController {

    /** @param sandbox whether the simulated TikTok under /sandbox answers here (local profile) */
    record ConsoleConfig(boolean sandbox) {
    }

    private final SandboxProperties sandbox;

    ConsoleConfigController(SandboxProperties sandbox) {
        this.sandbox = sandbox;
    }

    @GetMapping("/console/config")
    ConsoleConfig config() {
        return new ConsoleConfig(sandbox.enabled());
    }
}
