package io.returnflow.returns;

/** The marketplace a return came from. */
public enum ReturnSource {
    TIKTOK
}
