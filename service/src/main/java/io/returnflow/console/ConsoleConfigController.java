package io.returnflow.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console's pages need to know about this server before anyone signs in. Open, like the
 * pages themselves: it says only which controls make sense here, nothing about any merchant.
 */
@RestController
class ConsoleConfigController {

    /**
     * @param simulatedPartners whether simulated partners (a TikTok that takes simulated returns)
     *                          answer on this server: {@code app.simulated-partners}, which the
     *                          simulated partners set when they are present and on
     */
    record ConsoleConfig(boolean simulatedPartners) {
    }

    private final boolean simulatedPartners;

    ConsoleConfigController(@Value("${app.simulated-partners:false}") boolean simulatedPartners) {
        this.simulatedPartners = simulatedPartners;
    }

    @GetMapping("/console/config")
    ConsoleConfig config() {
        return new ConsoleConfig(simulatedPartners);
    }
}
