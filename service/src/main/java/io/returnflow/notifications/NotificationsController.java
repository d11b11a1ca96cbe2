package io.returnflow.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

import io.returnflow.merchants.MerchantStore;
import io.returnflow.partners.PartnerHosts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A merchant's notification webhook (its API key, or the admin token): where notices go, and the
 * secret they are signed with, shown once when it is made and never again.
 */
@RestController
@RequestMapping("/api/merchants/{merchantId}/notifications")
class NotificationsController {

    record WebhookChange(String webhookUrl) {
    }

    private final NotificationSettings settings;
    private final MerchantStore merchants;
    private final PartnerHosts hosts;

    NotificationsController(NotificationSettings settings, MerchantStore merchants, PartnerHosts hosts) {
        this.settings = settings;
        this.merchants = merchants;
        this.hosts = hosts;
    }

    @GetMapping
    Map<String, Object> webhook(@PathVariable String merchantId) {
        NotificationSettings.Webhook webhook = settings.webhook(merchantId).orElseThrow(() -> none(merchantId));
        return Map.of("webhookUrl", webhook.url(), "signingSecretSet", true);
    }

    /** Sets the URL; the first time, the answer holds the signing secret (keep it: it is not shown again). */
    @PutMapping
    Map<String, Object> setWebhook(@PathVariable String merchantId, @RequestBody(required = false) WebhookChange change) {
        if (change == null || change.webhookUrl() == null || change.webhookUrl().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "send {\"webhookUrl\": \"https://...\"}");
        }
        hosts.refusal(change.webhookUrl()).ifPresent(reason -> {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "webhookUrl " + reason);
        });
        if (!merchants.exists(merchantId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no merchant " + merchantId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("webhookUrl", change.webhookUrl());
        settings.setUrl(merchantId, change.webhookUrl()).ifPresent(secret -> answer.put("signingSecret", secret));
        answer.put("signingSecretSet", true);
        return answer;
    }

    /** A new signing secret, shown once; the old one signs nothing from now on. */
    @PostMapping("/signing-secret")
    Map<String, Object> newSigningSecret(@PathVariable String merchantId) {
        return Map.of("signingSecret", settings.newSigningSecret(merchantId).orElseThrow(() -> none(merchantId)));
    }

    @DeleteMapping
    ResponseEntity<Void> remove(@PathVariable String merchantId) {
        if (!settings.remove(merchantId)) {
            throw none(merchantId);
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseStatusException none(String merchantId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "merchant " + merchantId + " has no notification webhook");
    }
}
