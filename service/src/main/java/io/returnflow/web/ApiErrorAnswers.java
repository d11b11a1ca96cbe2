package io.returnflow.web;

import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Refusals of the REST controllers as {@code {"error": "..."}} with the status they chose, instead
 * of Spring's generic error body (which hides the message in this service's configuration).
 * Only messages written for the caller reach the body, never an exception's internals.
 */
@RestControllerAdvice
class ApiErrorAnswers {

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ApiError> refused(ResponseStatusException e) {
        String reason = e.getReason() != null ? e.getReason()
                : HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase().toLowerCase();
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(new ApiError(reason));
    }

    /** Malformed JSON or a value of the wrong type: name the field, never echo the value (it may be a secret). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String message = "the body is not valid JSON";
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            message = field + ": " + expected(mismatch);
        }
        return ResponseEntity.badRequest().body(new ApiError(message));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(new ApiError("query parameter " + e.getParameterName() + " is required"));
    }

    /** A query parameter or path variable that does not convert, e.g. {@code ?state=CLOSED}: name it and what it takes. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatchedParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.getName() + " " + expected(e.getRequiredType())));
    }

    private static String expected(MismatchedInputException mismatch) {
        if (mismatch instanceof InvalidFormatException || mismatch.getTargetType() == null || mismatch.getTargetType().isEnum()) {
            return expected(mismatch.getTargetType());
        }
        return "has the wrong type (expected " + mismatch.getTargetType().getSimpleName().toLowerCase() + ")";
    }

    private static String expected(Class<?> target) {
        if (target != null && target.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(target.getEnumConstants()).replaceAll("[\\[\\]]", "");
        }
        if (target == boolean.class || target == Boolean.class) {
            return "must be true or false";
        }
        if (target != null && (Number.class.isAssignableFrom(target) || target.isPrimitive())) {
            return "must be a number";
        }
        if (target != null) {
            return "must be a " + target.getSimpleName().toLowerCase();
        }
        return "has the wrong type";
    }
}
