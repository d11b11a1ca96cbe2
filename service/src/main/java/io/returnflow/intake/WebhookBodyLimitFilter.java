package io.returnflow.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses webhook bodies over the limit with 413 before the route sees them, reading at most
 * limit + 1 bytes, so a flood of oversized requests cannot fill the heap. Servlet-level because
 * Camel's servlet binding has already buffered the whole body by the time a route step runs.
 */
@Configuration(proxyBeanMethods = false)
class WebhookBodyLimitFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webhookBodyLimit(IntakeProperties intake, WebhookRefusals refusals) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Limit(intake.maxBodySize().toBytes(), refusals));
        registration.addUrlPatterns("/webhooks/*");
        return registration;
    }

    private static final class Limit extends OncePerRequestFilter {

        private final long maxBytes;
        private final WebhookRefusals refusals;

        Limit(long maxBytes, WebhookRefusals refusals) {
            this.maxBytes = maxBytes;
            this.refusals = refusals;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getContentLengthLong() > maxBytes) {
                refuse(response, request.getContentLengthLong());
                return;
            }
            if (request.getContentLengthLong() >= 0) {
                chain.doFilter(request, response);
                return;
            }
            // Chunked: no declared length, so read up to the limit ourselves.
            byte[] body = request.getInputStream().readNBytes((int) maxBytes + 1);
            if (body.length > maxBytes) {
                refuse(response, -1);
                return;
            }
            chain.doFilter(new BufferedBody(request, body), response);
        }

        private void refuse(HttpServletResponse response, long declaredLength) {
            refusals.record(new WebhookRefusedException(413, "too_large",
                    "body over " + maxBytes + " bytes" + (declaredLength >= 0 ? " (Content-Length " + declaredLength + ")" : "")));
            response.setStatus(413);
            response.setHeader("Connection", "close");
        }
    }

    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
