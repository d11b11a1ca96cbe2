package io.returnflow.labels;

import java.util.List;
import java.util.Map;

import io.returnflow.secrets.MaskedRecord;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The return label provider (EasyPost's REST API, or the sandbox that speaks it) and what a label
 * is bought with.
 *
 * @param providerUrl       the provider's host; paths {@code /v2/...} are appended
 * @param apiKey            sent as the HTTP Basic user name, empty password (EasyPost's scheme)
 * @param parcel            inches and ounces, EasyPost's units
 * @param carrier           preferred carrier among the rates (e.g. USPS); empty: the cheapest rate
 * @param service           preferred service of that carrier (e.g. GroundAdvantage); empty: its cheapest
 * @param returnProviderIds carrier (as the provider names it) -> TikTok {@code return_provider_id}.
 *                          UNVERIFIED: TikTok publishes no list of these ids for this call; set them
 *                          from TikTok's shipping-provider list for the shop. A carrier without an
 *                          id is uploaded without {@code return_provider_id}.
 * @param fileHosts         the hosts label and form files are downloaded from (https), besides the
 *                          provider's own host: EasyPost serves them from its S3 bucket
 */
@ConfigurationProperties("labels")
public record LabelProperties(
        @DefaultValue("https://api.easypost.com") String providerUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue Parcel parcel,
        @DefaultValue("USPS") String carrier,
        @DefaultValue("") String service,
        @DefaultValue Map<String, String> returnProviderIds,
        @DefaultValue({"easypost-files.s3.us-west-2.amazonaws.com", "easypost-files.s3-us-west-2.amazonaws.com",
                "easypost-files.s3.amazonaws.com"}) List<String> fileHosts) {

    /** The API key masked. */
    @Override
    public String toString() {
        return MaskedRecord.toString(this);
    }

    public record Parcel(
            @DefaultValue("12") double length,
            @DefaultValue("9") double width,
            @DefaultValue("4") double height,
            @DefaultValue("16") double weight) {
    }
}
