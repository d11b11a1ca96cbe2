package io.returnflow.web;

/** The body of every refused API call: {@code {"error": "..."}}, a sentence for a person. */
public record ApiError(String error) {
}
