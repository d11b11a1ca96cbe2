package io.returnflow.labels;

import java.util.function.BooleanSupplier;

import io.returnflow.RequiredSettings;
import io.returnflow.merchants.MerchantStore;
import io.returnflow.merchants.ReturnLabelSetup;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In prod (any profile but local and test), a start with return labels on for some merchant and a
 * label setting missing fails at once, naming the setting, rather than leaving every label of those
 * merchants to fail at TikTok.
 */
@Component
class ReturnLabelStartupCheck implements SmartInitializingSingleton {

    private final boolean prod;
    private final BooleanSupplier labelsInUse;
    private final ReturnLabelSetup setup;

    @Autowired
    ReturnLabelStartupCheck(Environment environment, MerchantStore merchants, ReturnLabelSetup setup) {
        this(!environment.acceptsProfiles(RequiredSettings.EMBEDDED), merchants::anyUsesRedoReturnLabels, setup);
    }

    ReturnLabelStartupCheck(boolean prod, BooleanSupplier labelsInUse, ReturnLabelSetup setup) {
        this.prod = prod;
        this.labelsInUse = labelsInUse;
        this.setup = setup;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!prod || !labelsInUse.getAsBoolean()) {
            return;
        }
        setup.missingSetting().ifPresent(missing -> {
            throw new IllegalStateException("Return labels are on for some merchants, but " + missing);
        });
    }
}
