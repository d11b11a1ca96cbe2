package io.returnflow.observability;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/routes} (admin token): every route, its status and counters. */
@RestController
class RouteHealthController {

    private final RouteHealth routes;

    RouteHealthController(RouteHealth routes) {
        this.routes = routes;
    }

    @GetMapping("/api/admin/routes")
    List<RouteHealth.Status> routes() {
        return routes.routes();
    }
}
