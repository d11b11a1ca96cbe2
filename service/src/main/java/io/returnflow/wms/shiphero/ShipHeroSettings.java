package io.returnflow.wms.shiphero;

import java.time.Instant;

import io.returnflow.merchants.Secret;
import io.returnflow.merchants.SettingsCheck;
import io.returnflow.merchants.TargetSection;
import io.returnflow.merchants.TargetSettings;

/**
 * A merchant's ShipHero account: its bearer token (refreshed by the service, {@link ShipHeroTokens}),
 * refresh token and warehouse. The merchant document's {@code shiphero} section;
 * {@code accessTokenExpiresAt} is answered, never read: the service learns it when it refreshes the token.
 *
 * @param accessTokenExpiresAt null when unknown (a token given by an operator, not yet refreshed)
 */
public record ShipHeroSettings(boolean enabled, Secret accessToken, Secret refreshToken, String warehouseId,
                               Instant accessTokenExpiresAt) implements TargetSettings {

    /** ShipHero's access tokens are JWTs: longer than other secrets. */
    private static final int JWT_MAX = 4000;

    public static final TargetSection<ShipHeroSettings> SECTION = new TargetSection<>("SHIPHERO", "shiphero", "ShipHero",
            ShipHeroSettings.class, new ShipHeroSettings(false, null, null, null, null), ShipHeroSettings::checked);

    /** Enabled: both tokens and the warehouse are required. */
    static ShipHeroSettings checked(ShipHeroSettings s, ShipHeroSettings stored, SettingsCheck check) {
        boolean on = s.enabled();
        Secret access = check.secret("accessToken", s.accessToken(), stored == null ? null : stored.accessToken(), on, JWT_MAX);
        Secret refresh = check.secret("refreshToken", s.refreshToken(), stored == null ? null : stored.refreshToken(), on,
                SettingsCheck.SECRET_MAX);
        String warehouse = check.text("warehouseId", s.warehouseId(), on, 100);
        // The expiry the service learnt when it refreshed the token still holds while the token is the same.
        boolean sameToken = stored != null && access != null && access.equals(stored.accessToken());
        return new ShipHeroSettings(on, access, refresh, warehouse, sameToken ? stored.accessTokenExpiresAt() : null);
    }

    /** After a refresh: the new access token and its expiry; a refresh token of null keeps the current one. */
    ShipHeroSettings withTokens(String newAccessToken, String newRefreshToken, Instant expiresAt) {
        return new ShipHeroSettings(enabled, Secret.of(newAccessToken),
                newRefreshToken == null ? refreshToken : Secret.of(newRefreshToken), warehouseId, expiresAt);
    }
}
