package io.returnflow.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.web.ApiError;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The JSON bodies of refused calls: 401 (who are you?), 403 (not yours to do), 404 (hidden), 429
 * and 503 (over a limit of the merchant API).
 */
@Component
class SecurityAnswers {

    private final ObjectMapper json;

    SecurityAnswers(ObjectMapper json) {
        this.json = json;
    }

    void unauthenticated(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    void forbidden(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "this token may not do that");
    }

    /** Another merchant's data answers as if it did not exist, so ids do not leak. */
    void notFound(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_NOT_FOUND, "not found");
    }

    /** Over a limit of the merchant API (429 or 503; the caller set Retry-After). */
    void limited(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, message);
    }

    private void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new ApiError(message));
    }
}
