package io.returnflow.returns;

/** A reason the marketplace accepts for rejecting this return: {@code name} is what a decision sends. */
public record RejectReason(String name, String text) {
}
