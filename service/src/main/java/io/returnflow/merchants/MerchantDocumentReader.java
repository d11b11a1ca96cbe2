package io.returnflow.merchants;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns a submitted {@link MerchantDocument} into a {@link Merchant}, naming every invalid field at
 * once. Absent sections take their defaults (returns: no Redo labels, {@code APPROVE_ALL}; NetSuite
 * and ShipHero disabled). A secret sent back exactly as a GET masked it keeps the stored secret,
 * so an operator can edit a merchant without handling its secrets again.
 */
final class MerchantDocumentReader {

    static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST = Pattern.compile("(?=.{1,255}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern NETSUITE_ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final int SECRET_MAX = 2048;
    private static final int JWT_MAX = 4000;

    private final List<String> problems = new ArrayList<>();
    private final Merchant stored;

    private MerchantDocumentReader(Merchant stored) {
        this.stored = stored;
    }

    /** @param stored the merchant as stored now, or null when it is new */
    static Merchant read(String merchantId, MerchantDocument doc, Merchant stored) {
        if (doc == null) {
            throw invalid(List.of("a merchant document is required"));
        }
        MerchantDocumentReader reader = new MerchantDocumentReader(stored);
        Merchant merchant = reader.merchant(merchantId, doc);
        if (!reader.problems.isEmpty()) {
            throw invalid(reader.problems);
        }
        return merchant;
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
        String name = required("name", doc.name(), 200);
        return new Merchant(id, name, shopify(doc.shopify()), returns(doc.returns()), netsuite(doc.netsuite()),
                shiphero(doc.shiphero()));
    }

    private Merchant.Shopify shopify(MerchantDocument.Shopify s) {
        if (s == null) {
            problems.add("shopify is required");
            return null;
        }
        String domain = required("shopify.shopDomain", s.shopDomain(), 255);
        if (domain != null && !HOST.matcher(domain).matches()) {
            problems.add("shopify.shopDomain must be a host name such as acme.myshopify.com");
        }
        return new Merchant.Shopify(domain,
                secret("shopify.accessToken", s.accessToken(), true, SECRET_MAX, m -> m.shopify().accessToken()),
                url("shopify.apiBaseUrl", s.apiBaseUrl()));
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
        String p = "returns.returnAddress.";
        String country = required(p + "country", a.country(), 2);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            problems.add(p + "country must be an ISO 3166-1 alpha-2 code such as US");
        }
        return new Merchant.ReturnAddress(required(p + "name", a.name(), 200), required(p + "line1", a.line1(), 200),
                optional(p + "line2", a.line2(), 200), required(p + "city", a.city(), 100),
                optional(p + "province", a.province(), 100), required(p + "zip", a.zip(), 20), country,
                optional(p + "phone", a.phone(), 40));
    }

    private Merchant.NetSuite netsuite(MerchantDocument.NetSuite n) {
        if (n == null) {
            return Merchant.NetSuite.disabled();
        }
        boolean on = Boolean.TRUE.equals(n.enabled());
        String account = on ? required("netsuite.accountId", n.accountId(), 64) : optional("netsuite.accountId", n.accountId(), 64);
        if (account != null && !NETSUITE_ACCOUNT.matcher(account).matches()) {
            problems.add("netsuite.accountId must be a NetSuite account id such as 1234567_SB1");
        }
        return new Merchant.NetSuite(on, account,
                secret("netsuite.consumerKey", n.consumerKey(), on, SECRET_MAX, m -> m.netsuite().consumerKey()),
                secret("netsuite.consumerSecret", n.consumerSecret(), on, SECRET_MAX, m -> m.netsuite().consumerSecret()),
                secret("netsuite.tokenId", n.tokenId(), on, SECRET_MAX, m -> m.netsuite().tokenId()),
                secret("netsuite.tokenSecret", n.tokenSecret(), on, SECRET_MAX, m -> m.netsuite().tokenSecret()),
                url("netsuite.restBaseUrl", n.restBaseUrl()),
                optional("netsuite.locationId", n.locationId(), 64));
    }

    private Merchant.ShipHero shiphero(MerchantDocument.ShipHero s) {
        if (s == null) {
            return Merchant.ShipHero.disabled();
        }
        boolean on = Boolean.TRUE.equals(s.enabled());
        String access = secret("shiphero.accessToken", s.accessToken(), on, JWT_MAX, m -> m.shiphero().accessToken());
        String refresh = secret("shiphero.refreshToken", s.refreshToken(), on, SECRET_MAX, m -> m.shiphero().refreshToken());
        String warehouse = on ? required("shiphero.warehouseId", s.warehouseId(), 100)
                : optional("shiphero.warehouseId", s.warehouseId(), 100);
        // The expiry the service learnt when it refreshed the token still holds while the token is the same.
        boolean sameToken = stored != null && access != null && access.equals(stored.shiphero().accessToken());
        return new Merchant.ShipHero(on, access, refresh, warehouse, sameToken ? stored.shiphero().accessTokenExpiresAt() : null);
    }

    private String secret(String field, String value, boolean required, int max, Function<Merchant, String> storedValue) {
        if (SecretMask.isMasked(value)) {
            String current = stored == null ? null : storedValue.apply(stored);
            if (current != null && value.equals(SecretMask.mask(current))) {
                return current;
            }
            problems.add(field + " looks masked but does not match the stored secret: send the secret itself");
            return null;
        }
        return required ? required(field, value, max) : optional(field, value, max);
    }

    private String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
            return null;
        }
        return optional(field, value, max);
    }

    private String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            problems.add(field + " must be at most " + max + " characters");
        }
        return trimmed;
    }

    private String url(String field, String value) {
        String url = optional(field, value, 500);
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (!Objects.equals(uri.getScheme(), "https") && !Objects.equals(uri.getScheme(), "http") || uri.getHost() == null) {
                problems.add(field + " must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be an absolute http(s) URL");
        }
        return url;
    }
}
