package io.returnflow.wms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The WMS route templates declare, before anything can fail for the target, every variable their
 * dead-letter observer (WmsFailures) reads: otherwise a dead-lettered message would leave the target
 * PENDING for ever instead of FAILED.
 */
class WmsRouteTemplatesTest {

    private static final Path ROUTES = Path.of("src/main/resources/routes");

    @Test
    void theCreationTemplateSetsTheTargetAndTheReturnFirst() throws IOException {
        assertThat(leadingVariables("wms-return-authorization.camel.yaml"))
                .containsExactly(WmsFailures.TARGET, WmsFailures.RETURN);
    }

    @Test
    void theOutcomeTemplateSetsTheTargetAndTheOutcomeFirst() throws IOException {
        assertThat(leadingVariables("wms-return-outcome.camel.yaml"))
                .containsExactly(WmsFailures.TARGET, WmsFailures.OUTCOME);
    }

    @Test
    void aTemplateThatCallsOutBeforeSettingThemIsCaught() {
        List<Map<String, Object>> steps = List.of(
                Map.of("setVariable", Map.of("name", WmsFailures.TARGET, "constant", "{{target}}")),
                Map.of("bean", Map.of("ref", "wmsStatus", "method", "pending")),
                Map.of("setVariable", Map.of("name", WmsFailures.RETURN, "method", Map.of("ref", "wmsReturns"))));

        assertThat(leading(steps)).containsExactly(WmsFailures.TARGET);
    }

    /** The names of the setVariable steps the template starts with. */
    @SuppressWarnings("unchecked")
    private static List<String> leadingVariables(String file) throws IOException {
        List<Map<String, Object>> document = new Yaml().load(Files.readString(ROUTES.resolve(file)));
        Map<String, Object> template = (Map<String, Object>) document.get(0).get("routeTemplate");
        Map<String, Object> from = (Map<String, Object>) ((Map<String, Object>) template.get("route")).get("from");
        return leading((List<Map<String, Object>>) from.get("steps"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> leading(List<Map<String, Object>> steps) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            Object setVariable = step.get("setVariable");
            if (!(setVariable instanceof Map<?, ?> variable)) {
                break;
            }
            names.add((String) ((Map<String, Object>) variable).get("name"));
        }
        return names;
    }
}
