package io.returnflow.secrets;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SecretBox secretBox(@Value("${app.encryption-key:}") String configuredKey, @Value("${app.data-dir}") Path dataDir) {
        return new SecretBox(EncryptionKey.resolve(configuredKey, dataDir));
    }
}
