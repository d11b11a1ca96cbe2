package io.returnflow.merchants;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.partners.PartnerHosts;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns a submitted {@link MerchantDocument} into a {@link Merchant} and each target's settings,
 * naming every invalid field at once. Absent sections take their defaults (returns: no Redo labels,
 * {@code APPROVE_ALL}; every target off). A secret sent back exactly as a GET masked it keeps the
 * stored secret, so an operator can edit a merchant without handling its secrets again.
 */
final class MerchantDocumentReader {

    static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST = Pattern.compile("(?=.{1,255}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** A document as read: the merchant, and the settings of every target in the order of the list. */
    record Read(Merchant merchant, Map<TargetSection<?>, TargetSettings> targets) {
    }

    private final List<String> problems = new ArrayList<>();
    private final SettingsCheck check;
    private final Merchant stored;
    private final PartnerHosts hosts;

    private MerchantDocumentReader(Merchant stored, PartnerHosts hosts) {
        this.stored = stored;
        this.hosts = hosts;
        this.check = new SettingsCheck("", problems, hosts);
    }

    /**
     * @param stored        the merchant as stored now, or null when it is new
     * @param storedTargets a target's settings as stored now, or null
     */
    static Read read(String merchantId, MerchantDocument doc, Merchant stored, List<TargetSection<?>> sections,
                     Function<TargetSection<?>, TargetSettings> storedTargets, ObjectMapper json, PartnerHosts hosts) {
        if (doc == null) {
            throw invalid(List.of("a merchant document is required"));
        }
        MerchantDocumentReader reader = new MerchantDocumentReader(stored, hosts);
        Merchant merchant = reader.merchant(merchantId, doc);
        Map<TargetSection<?>, TargetSettings> targets = new LinkedHashMap<>();
        for (TargetSection<?> section : sections) {
            JsonNode submitted = doc.sections() == null ? null : doc.sections().get(section.name());
            targets.put(section, reader.target(section, submitted, storedTargets.apply(section), json));
        }
        if (!reader.problems.isEmpty()) {
            throw invalid(reader.problems);
        }
        return new Read(merchant, targets);
    }

    static void checkId(String merchantId) {
        if (merchantId == null || !MERCHANT_ID.matcher(merchantId).matches()) {
            throw invalid(List.of("merchantId must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -"));
        }
    }

    private static ResponseStatusException invalid(List<String> problems) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, "invalid merchant: " + String.join("; ", problems));
    }

    private Merchant merchant(String id, MerchantDocument doc) {
        if (doc.id() != null && !doc.id().equals(id)) {
            problems.add("id must be absent or equal to the merchantId of the path");
        }
        String name = check.required("name", doc.name(), 200);
        return new Merchant(id, name, shopify(doc.shopify()), returns(doc.returns()));
    }

    private Merchant.Shopify shopify(MerchantDocument.Shopify s) {
        if (s == null) {
            problems.add("shopify is required");
            return null;
        }
        SettingsCheck shopify = check.nested("shopify");
        String domain = shopify.matching("shopDomain", s.shopDomain(), true, 255, HOST, "a host name such as acme.myshopify.com");
        if (domain != null && HOST.matcher(domain).matches()) {
            if (!hosts.isShopifyDomain(domain)) {
                shopify.problem("shopDomain", "must be a shop domain under " + hosts.shopifyDomains());
            }
            shopify.callableHost("shopDomain", domain);
        }
        return new Merchant.Shopify(domain,
                shopify.secret("accessToken", s.accessToken(), stored == null ? null : stored.shopify().accessToken(), true,
                        SettingsCheck.SECRET_MAX),
                shopify.url("apiBaseUrl", s.apiBaseUrl()));
    }

    private Merchant.Returns returns(MerchantDocument.Returns r) {
        if (r == null) {
            return new Merchant.Returns(false, MixedDecision.APPROVE_ALL, null);
        }
        boolean redo = Boolean.TRUE.equals(r.useRedoReturnLabels());
        if (redo && r.returnAddress() == null) {
            problems.add("returns.returnAddress is required when returns.useRedoReturnLabels is true (labels need a destination)");
        }
        return new Merchant.Returns(redo, r.mixedDecision() == null ? MixedDecision.APPROVE_ALL : r.mixedDecision(),
                address(r.returnAddress()));
    }

    private Merchant.ReturnAddress address(MerchantDocument.Address a) {
        if (a == null) {
            return null;
        }
        SettingsCheck address = check.nested("returns").nested("returnAddress");
        String country = address.matching("country", a.country(), true, 2, COUNTRY, "an ISO 3166-1 alpha-2 code such as US");
        return new Merchant.ReturnAddress(address.required("name", a.name(), 200), address.required("line1", a.line1(), 200),
                address.optional("line2", a.line2(), 200), address.required("city", a.city(), 100),
                address.optional("province", a.province(), 100), address.required("zip", a.zip(), 20), country,
                address.optional("phone", a.phone(), 40));
    }

    /** A target's section: its defaults when absent, else as its section checks it. */
    private <S extends TargetSettings> S target(TargetSection<S> section, JsonNode submitted, TargetSettings stored,
                                                ObjectMapper json) {
        if (submitted == null || submitted.isNull()) {
            return section.defaults();
        }
        S settings;
        try {
            settings = json.treeToValue(submitted, section.type());
        } catch (JsonMappingException e) {
            problems.add(section.name() + fieldOf(e) + ": has the wrong type or is not known");
            return null;
        } catch (JsonProcessingException e) {
            problems.add(section.name() + " is not a valid section");
            return null;
        }
        return section.checked(settings, section.type().cast(stored), new SettingsCheck(section.name() + ".", problems, hosts));
    }

    /** {@code .enabled} for the field a mapping failed on; never the value (it may be a secret). */
    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            field.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return field.toString();
    }
}
