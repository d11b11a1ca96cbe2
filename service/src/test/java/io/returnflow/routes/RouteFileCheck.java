package io.returnflow.routes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Checks route files the way a reviewer would, each on its own, with a message that names the file:
 * it loads (valid YAML DSL), it starts with a comment saying what it does, it holds one route or one
 * route configuration, a route has an id, the shared error policy that fits what the route consumes
 * (queue consumers: queue-consumer-policy, timers: polling-policy, HTTP: webhook-answers), the route
 * configurations it names exist, and its static endpoints resolve with the service's configuration.
 */
final class RouteFileCheck {

    /** Input scheme -> the route configuration its routes must use; null: none needed (internal sub-routes). */
    static final Map<String, String> POLICY_BY_SCHEME = Map.of(
            "jms", "queue-consumer-policy",
            "activemq", "queue-consumer-policy",
            "timer", "polling-policy",
            "scheduler", "polling-policy",
            "servlet", "webhook-answers",
            "platform-http", "webhook-answers");
    static final Set<String> INTERNAL_SCHEMES = Set.of("direct", "seda");

    private final Properties configuration;

    /** @param configuration the service's properties, for {{placeholders}} in endpoint URIs */
    RouteFileCheck(Properties configuration) {
        this.configuration = configuration;
    }

    private record Loaded(List<RouteDefinition> routes, List<RouteConfigurationDefinition> configurations,
                          int templates) {
    }

    /** File name -> content, in; problems, each naming its file, out (empty: all good). */
    List<String> check(Map<String, String> files) {
        List<String> problems = new ArrayList<>();
        Map<String, Loaded> loaded = new LinkedHashMap<>();
        Set<String> configurationIds = new LinkedHashSet<>();
        // route templates first: a templatedRoute file is checked as the route its template makes
        Map<String, String> templates = new LinkedHashMap<>();
        files.forEach((file, yaml) -> {
            if (yaml.contains("- routeTemplate:")) {
                templates.put(file, yaml);
            }
        });
        files.forEach((file, yaml) -> {
            try {
                Loaded routes = load(file, yaml, templates);
                loaded.put(file, routes);
                routes.configurations().forEach(c -> configurationIds.add(c.getId()));
            } catch (Exception e) {
                problems.add(file + ": is not a valid route file: " + rootMessage(e));
            }
        });
        loaded.forEach((file, routes) -> {
            String yaml = files.get(file);
            if (!yaml.stripLeading().startsWith("#")) {
                problems.add(file + ": starts without a comment saying what the route does and why");
            }
            int count = routes.routes().size() + routes.configurations().size() + routes.templates();
            if (count != 1) {
                problems.add(file + ": holds " + routes.routes().size() + " route(s), " + routes.configurations().size()
                        + " route configuration(s) and " + routes.templates() + " route template(s); keep exactly one per file");
            }
            for (RouteDefinition route : routes.routes()) {
                problems.addAll(checkRoute(file, route, configurationIds));
            }
        });
        return problems;
    }

    private List<String> checkRoute(String file, RouteDefinition route, Set<String> configurationIds) {
        List<String> problems = new ArrayList<>();
        String name = route.getId() == null ? "a route" : "route " + route.getId();
        if (route.getId() == null || route.getId().isBlank()) {
            problems.add(file + ": a route without an id (give it one named for what it does)");
        }
        List<String> policies = route.getRouteConfigurationId() == null ? List.of()
                : Arrays.stream(route.getRouteConfigurationId().split(",")).map(String::trim).toList();
        for (String policy : policies) {
            if (!configurationIds.contains(policy)) {
                problems.add(file + ": " + name + " uses route configuration " + policy + ", which no route file declares");
            }
        }
        String uri = route.getInput().getEndpointUri();
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
        String required = POLICY_BY_SCHEME.get(scheme);
        if (required != null && !policies.contains(required)) {
            problems.add(file + ": " + name + " consumes " + uri + " without the shared error policy: add"
                    + " routeConfigurationId: " + required);
        } else if (required == null && !INTERNAL_SCHEMES.contains(scheme)) {
            problems.add(file + ": " + name + " consumes " + uri + ", for which no shared error policy is agreed: "
                    + "use one of " + POLICY_BY_SCHEME.keySet() + " or agree one and add it to RouteFileCheck");
        }
        for (String endpoint : staticEndpoints(route)) {
            try (DefaultCamelContext camel = camel()) {
                // a route made from a template resolves its {{parameters}} from the templatedRoute
                if (route.getTemplateParameters() != null) {
                    Properties withParameters = new Properties();
                    withParameters.putAll(configuration);
                    route.getTemplateParameters().forEach((key, value) -> withParameters.put(key, String.valueOf(value)));
                    camel.getPropertiesComponent().setInitialProperties(withParameters);
                }
                camel.getEndpoint(endpoint);
            } catch (Exception e) {
                problems.add(file + ": " + name + " has an endpoint that does not resolve, " + endpoint + ": " + rootMessage(e));
            }
        }
        return problems;
    }

    /** The input and every to: whose URI is fixed (toD and ${...} are resolved per message). */
    private static List<String> staticEndpoints(RouteDefinition route) {
        List<String> uris = new ArrayList<>();
        FromDefinition from = route.getInput();
        uris.add(from.getEndpointUri());
        collectSends(route.getOutputs(), uris);
        uris.removeIf(uri -> uri == null || uri.contains("${"));
        return uris;
    }

    private static void collectSends(List<ProcessorDefinition<?>> outputs, List<String> uris) {
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof SendDefinition<?> send && !(step instanceof org.apache.camel.model.ToDynamicDefinition)) {
                uris.add(send.getEndpointUri());
            }
            collectSends(step.getOutputs(), uris);
        }
    }

    private Loaded load(String file, String yaml, Map<String, String> templates) throws Exception {
        try (DefaultCamelContext camel = camel()) {
            var loader = PluginHelper.getRoutesLoader(camel);
            for (Map.Entry<String, String> template : templates.entrySet()) {
                if (!template.getKey().equals(file)) {
                    loader.loadRoutes(ResourceHelper.fromString(template.getKey(), template.getValue()));
                }
            }
            Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
            int routes = model.getRouteDefinitions().size();
            int configurations = model.getRouteConfigurationDefinitions().size();
            int templateCount = model.getRouteTemplateDefinitions().size();
            loader.loadRoutes(ResourceHelper.fromString(file, yaml));
            return new Loaded(List.copyOf(model.getRouteDefinitions().subList(routes, model.getRouteDefinitions().size())),
                    List.copyOf(model.getRouteConfigurationDefinitions().subList(configurations,
                            model.getRouteConfigurationDefinitions().size())),
                    model.getRouteTemplateDefinitions().size() - templateCount);
        }
    }

    private DefaultCamelContext camel() {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(configuration);
        return camel;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
