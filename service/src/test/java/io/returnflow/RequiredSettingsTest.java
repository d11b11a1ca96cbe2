package io.returnflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Closed by default: outside the local and test profiles the prod settings are required and the sandbox stays off. */
class RequiredSettingsTest {

    private final RequiredSettings settings = new RequiredSettings();

    @Test
    void aStartWithoutAProfileFailsNamingTheMissingProdKeys() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder start = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ReturnsServiceApplication.class.getName()).redirectErrorStream(true);
        start.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("TIKTOK_") || name.startsWith("APP_"));
        Process service = start.start();
        service.getOutputStream().close();

        boolean ended = service.waitFor(90, TimeUnit.SECONDS);
        String output = new String(service.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            service.destroyForcibly();
        }

        assertThat(ended).as("it stops by itself; output:%n%s", output).isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(output).contains("Started with no profile, the service runs as in prod");
        for (String key : RequiredSettings.PROD_KEYS) {
            assertThat(output).contains(key);
        }
        assertThat(output).doesNotContain("Started ReturnsServiceApplication");
    }

    @Test
    void anyOtherProfileNeedsTheProdSettingsToo() {
        MockEnvironment staging = new MockEnvironment();
        staging.setActiveProfiles("staging");
        staging.setProperty("tiktok.app-key", "key");

        assertThatThrownBy(() -> settings.postProcessEnvironment(staging, new SpringApplication()))
                .hasMessageContaining("profile(s) staging").hasMessageContaining("spring.datasource.url (SPRING_DATASOURCE_URL)")
                .hasMessageContaining("app.encryption-key").hasMessageNotContaining("tiktok.app-key");
    }

    @Test
    void theSandboxIsNeverSwitchedOnOutsideLocalAndTest() {
        MockEnvironment prod = withEveryProdKey();
        prod.setActiveProfiles("prod");
        prod.setProperty("sandbox.enabled", "true");

        assertThatThrownBy(() -> settings.postProcessEnvironment(prod, new SpringApplication()))
                .hasMessageContaining("sandbox.enabled=true is refused");
    }

    @Test
    void prodStartsWithEverySettingGiven() {
        MockEnvironment prod = withEveryProdKey();
        prod.setActiveProfiles("prod");

        assertThatCode(() -> settings.postProcessEnvironment(prod, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void theLocalAndTestProfilesNeedNothing() {
        for (String profile : List.of("local", "test")) {
            MockEnvironment embedded = new MockEnvironment();
            embedded.setActiveProfiles(profile);
            embedded.setProperty("sandbox.enabled", "true");

            assertThatCode(() -> settings.postProcessEnvironment(embedded, new SpringApplication())).doesNotThrowAnyException();
        }
    }

    private static MockEnvironment withEveryProdKey() {
        MockEnvironment environment = new MockEnvironment();
        RequiredSettings.PROD_KEYS.forEach(key -> environment.setProperty(key, "set"));
        return environment;
    }
}
