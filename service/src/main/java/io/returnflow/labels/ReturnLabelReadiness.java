package io.returnflow.labels;

import java.util.Optional;

import io.returnflow.merchants.ReturnLabelSetup;

import org.springframework.stereotype.Component;

/**
 * TikTok's shipping-document upload requires {@code return_provider_id} (its upload guide marks it
 * required): a label of a carrier TikTok has no id for cannot be uploaded, so labels work only when
 * the preferred carrier ({@code labels.carrier}), or with none preferred at least one carrier, has
 * its id in {@code labels.return-provider-ids}.
 */
@Component
public class ReturnLabelReadiness implements ReturnLabelSetup {

    private final LabelProperties labels;

    public ReturnLabelReadiness(LabelProperties labels) {
        this.labels = labels;
    }

    @Override
    public Optional<String> missingSetting() {
        if (!labels.carrier().isBlank() && providerId(labels.carrier()).isEmpty()) {
            return Optional.of("labels.return-provider-ids." + labels.carrier() + " is not set: TikTok's upload needs the "
                    + "return_provider_id of the label's carrier (" + labels.carrier() + ", labels.carrier)");
        }
        if (labels.carrier().isBlank() && labels.returnProviderIds().isEmpty()) {
            return Optional.of("labels.return-provider-ids is empty: TikTok's upload needs the return_provider_id of the "
                    + "label's carrier");
        }
        return Optional.empty();
    }

    /** TikTok's id of the carrier, matched as the provider names it, ignoring case. */
    Optional<String> providerId(String carrier) {
        return labels.returnProviderIds().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(carrier) && !entry.getValue().isBlank())
                .map(java.util.Map.Entry::getValue).findFirst();
    }
}
