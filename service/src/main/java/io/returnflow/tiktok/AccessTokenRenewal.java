package io.returnflow.tiktok;

import java.util.Optional;

/** Renews the authorization an access token belongs to, after TikTok said the token expired. */
public interface AccessTokenRenewal {

    /** The new access token, or empty when the authorization cannot be renewed (or is unknown). */
    Optional<String> renew(String expiredAccessToken);
}
