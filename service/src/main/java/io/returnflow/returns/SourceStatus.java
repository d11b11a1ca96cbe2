package io.returnflow.returns;

/**
 * The marketplace's view of a return at one moment, in the marketplace's words and in ours.
 *
 * @param updatedAt the marketplace's own update time: an older view never replaces a newer one
 * @param state     the state the status means, or null when it says nothing about the state
 */
public record SourceStatus(String status, long updatedAt, NextAction nextAction, ReturnState state) {
}
