package io.returnflow.secrets;

/**
 * A store that keeps sealed secrets: it can rewrite every seal not under the current key (or not yet
 * bound to its merchant and field) as a seal under the current key. Called by the re-seal
 * ({@link ResealController}); safe beside the flows, which write current seals themselves.
 */
public interface SealedStore {

    /** What it stores, as the re-seal's answer names it ({@code merchants}, {@code targetSettings}...). */
    String name();

    /** Rewrites the seals that are not current; answers how many rows it rewrote. */
    int reseal();
}
