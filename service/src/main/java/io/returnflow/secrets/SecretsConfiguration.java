package io.returnflow.secrets;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    /** New seals under app.encryption-key; seals under app.previous-encryption-keys (rotated out) still open. */
    @Bean
    SecretBox secretBox(@Value("${app.encryption-key:}") String configuredKey,
                        @Value("${app.previous-encryption-keys:}") String previousKeys, @Value("${app.data-dir}") Path dataDir) {
        return new SecretBox(EncryptionKey.resolve(configuredKey, dataDir), EncryptionKey.previous(previousKeys));
    }

    /** Its key derived from the same encryption key (resolved again: the key file exists by now). */
    @Bean
    OpaqueIds opaqueIds(SecretBox created, @Value("${app.encryption-key:}") String configuredKey,
                        @Value("${app.data-dir}") Path dataDir) {
        return new OpaqueIds(EncryptionKey.resolve(configuredKey, dataDir));
    }
}
