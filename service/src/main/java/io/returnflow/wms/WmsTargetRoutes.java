package io.returnflow.wms;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.spi.RouteTemplateParameterSource;
import org.springframework.stereotype.Component;

/**
 * The routes of the targets, made from the route templates the way Camel's route-template
 * configuration makes routes ({@code camel.route-template[n].*}): Camel finds this parameter source
 * in the registry when it starts and adds one route per entry. Every target gets
 * {@code wms-<name>} from wms-return-authorization; a target following outcomes also gets
 * {@code wms-<name>-outcome} from wms-return-outcome.
 */
@Component
class WmsTargetRoutes implements RouteTemplateParameterSource {

    static final String CREATION_TEMPLATE = "wms-return-authorization";
    static final String OUTCOME_TEMPLATE = "wms-return-outcome";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    WmsTargetRoutes(WmsTargets targets) {
        for (WmsTarget<?> target : targets.targets()) {
            String route = "wms-" + target.name().toLowerCase(Locale.ROOT);
            routes.put(route, Map.of(TEMPLATE_ID, CREATION_TEMPLATE, "target", target.name(),
                    "queue", WmsTargets.queueOf(target.name())));
            if (WmsTargets.followsOutcomes(target)) {
                routes.put(route + "-outcome", Map.of(TEMPLATE_ID, OUTCOME_TEMPLATE, "target", target.name(),
                        "queue", WmsTargets.outcomeQueueOf(target.name())));
            }
        }
    }

    @Override
    public Set<String> routeIds() {
        return new LinkedHashSet<>(routes.keySet());
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return routes.get(routeId);
    }
}
