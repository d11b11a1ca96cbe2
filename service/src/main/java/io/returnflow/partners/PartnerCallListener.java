package io.returnflow.partners;

/** Told about every partner call {@link PartnerCircuitBreakers} makes (e.g. to write it into a return's history). */
public interface PartnerCallListener {

    /**
     * @param outcome   {@link PartnerCircuitBreakers#SUCCESS}, {@code unavailable}, {@code circuit_open},
     *                  {@code rejected} or {@code error}
     * @param failure   what went wrong, or null on success
     */
    void called(String partner, String operation, String outcome, long latencyMs, Throwable failure);
}
