package io.returnflow.merchants;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.deadlinepolicy.DeadlinePolicies;
import io.returnflow.deadlinepolicy.DeadlinePolicy;
import io.returnflow.partners.PartnerHosts;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The merchant document as a whole: the merchant ({@link MerchantStore}) and every target's section
 * ({@link TargetSettingsStore}), read, checked and answered the same way whatever the target.
 */
@Component
class MerchantDocuments {

    private final MerchantStore merchants;
    private final TargetSettingsStore targets;
    private final TargetSections sections;
    private final ObjectMapper json;
    private final PartnerHosts hosts;
    private final ReturnLabelSetup labelSetup;
    private final DeadlinePolicies deadlinePolicies;

    MerchantDocuments(MerchantStore merchants, TargetSettingsStore targets, TargetSections sections, ObjectMapper json,
                      PartnerHosts hosts, ReturnLabelSetup labelSetup, DeadlinePolicies deadlinePolicies) {
        this.deadlinePolicies = deadlinePolicies;
        this.merchants = merchants;
        this.targets = targets;
        this.sections = sections;
        this.json = json;
        this.hosts = hosts;
        this.labelSetup = labelSetup;
    }

    /** The merchant as GET answers it, every secret masked. */
    Optional<MerchantDocument> find(String merchantId) {
        return merchants.find(merchantId).map(this::masked);
    }

    /**
     * Creates or replaces the merchant and the settings of every target (absent sections: off).
     * Answers true when it was created.
     *
     * @throws org.springframework.web.server.ResponseStatusException 400 naming every invalid field
     */
    boolean save(String merchantId, MerchantDocument doc) {
        MerchantDocumentReader.checkId(merchantId);
        Merchant stored = merchants.find(merchantId).orElse(null);
        MerchantDocumentReader.Read read = MerchantDocumentReader.read(merchantId, doc, stored, sections.all(),
                section -> stored == null ? null : targets.find(merchantId, section).orElse(null), json, hosts);
        DeadlinePolicy deadlinePolicy = deadlinePolicies.checked(doc.returns() == null ? null : doc.returns().deadlinePolicy(),
                "returns.deadlinePolicy.", "invalid merchant: ");
        if (read.merchant().returns().useRedoReturnLabels()) {
            labelSetup.missingSetting().ifPresent(missing -> {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "returns.useRedoReturnLabels cannot be true yet: " + missing);
            });
        }
        boolean created = merchants.save(read.merchant());
        deadlinePolicies.save(merchantId, deadlinePolicy);
        read.targets().forEach((section, settings) -> save(merchantId, section, settings));
        return created;
    }

    private MerchantDocument masked(Merchant merchant) {
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        for (TargetSection<?> section : sections.all()) {
            answered.put(section.name(), json.valueToTree(targets.settings(merchant.id(), section)));
        }
        return MerchantDocument.masked(merchant, answered, json.valueToTree(deadlinePolicies.document(merchant.id())));
    }

    @SuppressWarnings("unchecked")
    private <S extends TargetSettings> void save(String merchantId, TargetSection<S> section, TargetSettings settings) {
        targets.save(merchantId, section, (S) settings);
    }
}
