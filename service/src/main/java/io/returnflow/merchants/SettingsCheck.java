package io.returnflow.merchants;

import java.util.List;
import java.util.regex.Pattern;

import io.returnflow.partners.PartnerHosts;

/**
 * Checks the fields of a submitted merchant document or one of its sections, naming every problem
 * with its field ({@code netsuite.tokenSecret is required}); all problems of a document are answered
 * at once. Values are trimmed; blank means absent. A secret sent back exactly as a GET masked it
 * stands for the stored secret, so an operator can edit a merchant without handling its secrets again.
 */
public final class SettingsCheck {

    /** Longest secret a partner hands out that we keep. */
    public static final int SECRET_MAX = 2048;

    private final String prefix;
    private final List<String> problems;
    private final PartnerHosts hosts;

    /**
     * @param prefix prepended to every field name, e.g. {@code "netsuite."}; empty for the document itself
     * @param hosts  where partner URLs may point
     */
    public SettingsCheck(String prefix, List<String> problems, PartnerHosts hosts) {
        this.prefix = prefix;
        this.problems = problems;
        this.hosts = hosts;
    }

    /** The same problems, for the fields of a nested part ({@code returns.returnAddress.}). */
    public SettingsCheck nested(String part) {
        return new SettingsCheck(prefix + part + ".", problems, hosts);
    }

    /** The field as the document spells it: {@code netsuite.accountId}. */
    public String field(String field) {
        return prefix + field;
    }

    /** A problem with a field: {@code problem("warehouseId", "is required")}. */
    public void problem(String field, String what) {
        problems.add(field(field) + " " + what);
    }

    public String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problem(field, "is required");
            return null;
        }
        return optional(field, value, max);
    }

    public String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            problem(field, "must be at most " + max + " characters");
        }
        return trimmed;
    }

    /** Required when {@code required}, else optional. */
    public String text(String field, String value, boolean required, int max) {
        return required ? required(field, value, max) : optional(field, value, max);
    }

    /** An optional value that, when given, must match {@code pattern}; {@code explanation} says how. */
    public String matching(String field, String value, boolean required, int max, Pattern pattern, String explanation) {
        String checked = text(field, value, required, max);
        if (checked != null && !pattern.matcher(checked).matches()) {
            problem(field, "must be " + explanation);
        }
        return checked;
    }

    /** An optional partner URL: absolute https (http too where allowed), on a host the service may call ({@link PartnerHosts}). */
    public String url(String field, String value) {
        String url = optional(field, value, 500);
        if (url != null) {
            hosts.refusal(url).ifPresent(why -> problem(field, why));
        }
        return url;
    }

    /** A partner host name the service may call. */
    public void callableHost(String field, String host) {
        if (host != null) {
            hosts.hostRefusal(host).ifPresent(why -> problem(field, why));
        }
    }

    /**
     * A secret: the submitted value, or the stored one when the value is the stored one masked.
     *
     * @param stored the secret as stored now, or null
     */
    public Secret secret(String field, Secret submitted, Secret stored, boolean required, int max) {
        String value = secret(field, Secret.valueOf(submitted), Secret.valueOf(stored), required, max);
        return Secret.of(value);
    }

    /** As {@link #secret(String, Secret, Secret, boolean, int)}, for a secret kept as a plain string. */
    public String secret(String field, String submitted, String stored, boolean required, int max) {
        if (SecretMask.isMasked(submitted)) {
            if (stored != null && submitted.equals(SecretMask.mask(stored))) {
                return stored;
            }
            problem(field, "looks masked but does not match the stored secret: send the secret itself");
            return null;
        }
        return text(field, submitted, required, max);
    }
}
