package io.returnflow.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ResponseStatusException;

/**
 * Fault injection for the sandbox partners: {@code POST /sandbox/faults} makes the next N calls
 * whose path starts with a prefix answer a given status and body (a 429, a 503, a TikTok error
 * envelope...), so failure handling can be seen and tested without a real partner misbehaving.
 * {@code GET /sandbox/faults/hits} lists the calls that got a fault.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxFaults {

    /**
     * @param pathPrefix e.g. {@code /sandbox/tiktok/return_refund}
     * @param status     HTTP status to answer
     * @param body       answer body (JSON), may be empty
     * @param times      how many calls get the fault
     */
    record Fault(String pathPrefix, int status, String body, Integer times) {
    }

    private record Armed(Fault fault, AtomicInteger left) {
    }

    /** A call that got a fault: its path and query string (e.g. to see the idempotency key of each attempt). */
    record Hit(String path, String query, int status) {
    }

    private final List<Armed> armed = new CopyOnWriteArrayList<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    @PostMapping("/sandbox/faults")
    @ResponseStatus(HttpStatus.CREATED)
    Fault arm(@RequestBody Fault fault) {
        if (fault.pathPrefix() == null || !fault.pathPrefix().startsWith("/sandbox/") || fault.pathPrefix().startsWith("/sandbox/faults")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "pathPrefix must start with /sandbox/ and name a partner");
        }
        armed.add(new Armed(fault, new AtomicInteger(fault.times() == null ? 1 : fault.times())));
        return fault;
    }

    @DeleteMapping("/sandbox/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        armed.clear();
        hits.clear();
    }

    /** The calls that got a fault, oldest first; {@code pathPrefix} narrows them down. */
    @GetMapping("/sandbox/faults/hits")
    List<Hit> hits(@RequestParam(required = false) String pathPrefix) {
        return hits.stream().filter(hit -> pathPrefix == null || hit.path().startsWith(pathPrefix)).toList();
    }

    private void hit(HttpServletRequest request, Fault fault) {
        hits.add(new Hit(request.getRequestURI(), request.getQueryString(), fault.status()));
    }

    /** The fault the call gets, if one is armed for its path. */
    Fault take(String path) {
        for (Armed candidate : armed) {
            if (path.startsWith(candidate.fault().pathPrefix()) && candidate.left().getAndDecrement() > 0) {
                return candidate.fault();
            }
        }
        armed.removeIf(a -> a.left().get() <= 0);
        return null;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("sandbox.enabled")
    static class FaultFilter {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> sandboxFaultFilter(SandboxFaults faults) {
            var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    Fault fault = request.getRequestURI().startsWith("/sandbox/faults") ? null : faults.take(request.getRequestURI());
                    if (fault == null) {
                        chain.doFilter(request, response);
                        return;
                    }
                    faults.hit(request, fault);
                    response.setStatus(fault.status());
                    if (fault.body() != null && !fault.body().isEmpty()) {
                        response.setContentType("application/json");
                        response.getWriter().write(fault.body());
                    }
                }
            });
            registration.addUrlPatterns("/sandbox/*");
            return registration;
        }
    }
}
