package io.returnflow.merchants;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a merchant sees and may change of its own settings (its API key, or the admin token;
 * another merchant's key gets 404 before reaching here, see SecurityConfiguration). Partner
 * accounts and secrets stay with the operator's {@code /api/admin/merchants}.
 */
@RestController
@RequestMapping("/api/merchants/{merchantId}")
class MerchantProfileController {

    private final MerchantStore merchants;
    private final TargetSettingsStore targets;
    private final TargetSections sections;
    private final ReturnLabelSetup labelSetup;

    MerchantProfileController(MerchantStore merchants, TargetSettingsStore targets, TargetSections sections,
                              ReturnLabelSetup labelSetup) {
        this.merchants = merchants;
        this.targets = targets;
        this.sections = sections;
        this.labelSetup = labelSetup;
    }

    /** {@code PATCH /api/merchants/{id}/returns}: only the fields a merchant may change itself. */
    record ReturnsChange(Boolean useRedoReturnLabels) {
    }

    @GetMapping
    MerchantProfile profile(@PathVariable String merchantId) {
        return merchants.find(merchantId)
                .map(merchant -> MerchantProfile.of(merchant, sections.all().stream()
                        .map(section -> new MerchantProfile.WmsTarget(section.target(),
                                targets.settings(merchantId, section).enabled(), section.displayName()))
                        .toList()))
                .orElseThrow(() -> unknown(merchantId));
    }

    @PatchMapping("/returns")
    MerchantProfile changeReturns(@PathVariable String merchantId, @RequestBody(required = false) ReturnsChange change) {
        if (change == null || change.useRedoReturnLabels() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "send {\"useRedoReturnLabels\": true|false}");
        }
        boolean use = change.useRedoReturnLabels();
        if (use) {
            labelSetup.missingSetting().ifPresent(missing -> {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "Redo return labels cannot be turned on yet (ask your operator): " + missing);
            });
        }
        if (!merchants.useRedoReturnLabels(merchantId, use)) {
            if (!merchants.exists(merchantId)) {
                throw unknown(merchantId);
            }
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Redo return labels need a return address (where parcels go); ask your operator to set one");
        }
        return profile(merchantId);
    }

    private static ResponseStatusException unknown(String merchantId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no merchant " + merchantId);
    }
}
