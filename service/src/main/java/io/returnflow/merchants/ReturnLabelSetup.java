package io.returnflow.merchants;

import java.util.Optional;

/**
 * Whether return labels can be bought and handed to the marketplace as configured: turning them on
 * for a merchant is refused while they cannot. Implemented by the labels.
 */
public interface ReturnLabelSetup {

    /** The setting that keeps labels from working, with why; empty when they can work. */
    Optional<String> missingSetting();
}
