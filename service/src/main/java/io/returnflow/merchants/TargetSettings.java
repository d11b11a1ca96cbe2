package io.returnflow.merchants;

/**
 * One merchant's settings for one target (a WMS/3PL system): a record, one per target package,
 * whose {@link Secret} components are sealed at rest ({@link SealedSettings}) and masked in answers.
 */
public interface TargetSettings {

    /** Whether the merchant uses the target; a return shows a target it does not use SKIPPED. */
    boolean enabled();
}
