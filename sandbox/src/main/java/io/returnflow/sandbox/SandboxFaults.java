package io.returnflow.sandbox;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
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
 * Fault injection for the sandbox partners: {@code POST /sandbox/faults} makes calls whose path
 * starts with a prefix answer a given status and body (a 429, a 503, a TikTok error envelope...),
 * so failure handling can be seen and tested without a real partner misbehaving: the next N calls,
 * a share of the calls ({@code percent}), or every call for a while ({@code seconds}: an outage);
 * or hold calls for a while before answering ({@code delayMillis}: a partner that hangs).
 * {@code bodyContains} narrows a fault to calls whose body holds a text (one GraphQL operation of
 * a partner whose calls all share a path). {@code GET /sandbox/faults/hits} lists the calls that got a fault.
 */
@RestController
@ConditionalOnProperty("sandbox.enabled")
class SandboxFaults {

    /**
     * @param pathPrefix e.g. {@code /sandbox/tiktok/return_refund}
     * @param status     HTTP status to answer
     * @param statuses   instead of {@code status}: one of these, picked at random for each call
     * @param body       answer body (JSON), may be empty
     * @param times      how many calls get the fault; when absent, 1, or no limit if {@code percent}
     *                   or {@code seconds} is given
     * @param percent    the share of matching calls that get the fault, 1 to 100 (default 100)
     * @param seconds    the fault ends this long after it is armed (an outage window)
     * @param bodyContains only calls whose body contains this text get the fault (e.g. {@code returnCreate})
     * @param delayMillis hold each call this long first; then answer {@code status} if given, else as usual
     */
    record Fault(String pathPrefix, Integer status, List<Integer> statuses, String body, Integer times, Integer percent,
                 Integer seconds, String bodyContains, Integer delayMillis) {

        boolean answers() {
            return status != null || statuses != null && !statuses.isEmpty();
        }


        int pickStatus() {
            return statuses == null || statuses.isEmpty() ? status
                    : statuses.get(ThreadLocalRandom.current().nextInt(statuses.size()));
        }
    }

    /** @param left calls that may still get the fault, null for no limit; @param until null for no end */
    private record Armed(Fault fault, AtomicInteger left, Instant until) {

        boolean over(Instant now) {
            return left != null && left.get() <= 0 || until != null && !now.isBefore(until);
        }
    }

    /** A call that got a fault: its path and query string (e.g. to see the idempotency key of each attempt). */
    record Hit(String path, String query, int status) {
    }

    private final List<Armed> armed = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    SandboxFaults(Clock clock) {
        this.clock = clock;
    }

    @PostMapping("/sandbox/faults")
    @ResponseStatus(HttpStatus.CREATED)
    Fault arm(@RequestBody Fault fault) {
        if (fault.pathPrefix() == null || !fault.pathPrefix().startsWith("/sandbox/") || fault.pathPrefix().startsWith("/sandbox/faults")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "pathPrefix must start with /sandbox/ and name a partner");
        }
        if (!fault.answers() && fault.delayMillis() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status, statuses or delayMillis is required");
        }
        if (fault.delayMillis() != null && (fault.delayMillis() < 1 || fault.delayMillis() > 60_000)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "delayMillis must be between 1 and 60000");
        }
        if (fault.percent() != null && (fault.percent() < 1 || fault.percent() > 100)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "percent must be between 1 and 100");
        }
        if (fault.seconds() != null && fault.seconds() < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "seconds must be at least 1");
        }
        boolean unlimited = fault.times() == null && (fault.percent() != null || fault.seconds() != null);
        AtomicInteger left = unlimited ? null : new AtomicInteger(fault.times() == null ? 1 : fault.times());
        Instant until = fault.seconds() == null ? null : clock.instant().plus(Duration.ofSeconds(fault.seconds()));
        armed.add(new Armed(fault, left, until));
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

    private void hit(HttpServletRequest request, int status) {
        hits.add(new Hit(request.getRequestURI(), request.getQueryString(), status));
    }

    /** Whether a fault armed for the path looks into bodies: the filter reads the body first then. */
    boolean readsBodies(String path) {
        return armed.stream().anyMatch(a -> a.fault().bodyContains() != null && path.startsWith(a.fault().pathPrefix()));
    }

    /** The fault the call gets, if one is armed for its path (and body), and the call falls in its share. */
    Fault take(String path, String body) {
        Instant now = clock.instant();
        armed.removeIf(a -> a.over(now));
        for (Armed candidate : armed) {
            if (!path.startsWith(candidate.fault().pathPrefix()) || candidate.over(now) || !inShare(candidate.fault())) {
                continue;
            }
            String wanted = candidate.fault().bodyContains();
            if (wanted != null && (body == null || !body.contains(wanted))) {
                continue;
            }
            if (candidate.left() == null || candidate.left().getAndDecrement() > 0) {
                return candidate.fault();
            }
        }
        return null;
    }

    private static boolean inShare(Fault fault) {
        return fault.percent() == null || ThreadLocalRandom.current().nextInt(100) < fault.percent();
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
                    String path = request.getRequestURI();
                    HttpServletRequest call = request;
                    String body = null;
                    if (!path.startsWith("/sandbox/faults") && faults.readsBodies(path)) {
                        byte[] bytes = request.getInputStream().readAllBytes();
                        body = new String(bytes, StandardCharsets.UTF_8);
                        call = new ReadBody(request, bytes);
                    }
                    Fault fault = path.startsWith("/sandbox/faults") ? null : faults.take(path, body);
                    if (fault == null) {
                        chain.doFilter(call, response);
                        return;
                    }
                    if (fault.delayMillis() != null) {
                        try {
                            Thread.sleep(fault.delayMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new ServletException("interrupted while holding a call", e);
                        }
                        if (!fault.answers()) {
                            chain.doFilter(call, response);
                            return;
                        }
                    }
                    int status = fault.pickStatus();
                    faults.hit(request, status);
                    response.setStatus(status);
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

    /** A request whose body was read already, to be read again downstream. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the sandbox reads bodies synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
