package io.returnflow.merchants;

/**
 * What the merchant document knows of one target: its section ({@code "netsuite": {...}} on
 * {@code PUT/GET /api/admin/merchants/{id}}), the settings record it reads into, the settings of a
 * merchant who sent none (off), and how a submitted section is checked. Each target package declares
 * one, next to its settings record; the merchant API reads, masks and stores every section the same way.
 *
 * @param target      the target's name, as a return's {@code wms[].target} shows it ({@code NETSUITE});
 *                    its settings' row in {@code merchant_targets} carries it too
 * @param name        the section's key in the merchant document ({@code netsuite})
 * @param displayName for people ({@code NetSuite})
 * @param type        the settings record
 * @param defaults    a merchant's settings when the document has no such section
 * @param checker     validates and normalises a submitted section
 */
public record TargetSection<S extends TargetSettings>(String target, String name, String displayName, Class<S> type,
                                                       S defaults, Checker<S> checker) {

    /** Checks a submitted section. */
    @FunctionalInterface
    public interface Checker<S> {

        /**
         * @param submitted the section as sent, secrets possibly masked (a GET's answer sent back)
         * @param stored    the merchant's settings as stored now, or null for none
         * @param check     collects problems, prefixed with the section's name; resolves masked secrets
         * @return the settings to store (what a problem made unusable may be null: nothing is stored then)
         */
        S checked(S submitted, S stored, SettingsCheck check);
    }

    public S checked(S submitted, S stored, SettingsCheck check) {
        return checker.checked(submitted, stored, check);
    }
}
