package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The host learns that simulated partners answer on its port from a setting, only when they are on. */
class SandboxPresenceTest {

    @Test
    void saysSimulatedPartnersArePresentWhenTheSandboxIsOn() {
        MockEnvironment host = new MockEnvironment().withProperty("sandbox.enabled", "true");

        new SandboxPresence().postProcessEnvironment(host, new SpringApplication());

        assertThat(host.getProperty("app.simulated-partners")).isEqualTo("true");
    }

    @Test
    void saysNothingWhenTheSandboxIsOff() {
        MockEnvironment host = new MockEnvironment();

        new SandboxPresence().postProcessEnvironment(host, new SpringApplication());

        assertThat(host.getProperty("app.simulated-partners")).isNull();
    }

    @Test
    void leavesTheHostsOwnSettingFirst() {
        MockEnvironment host = new MockEnvironment().withProperty("sandbox.enabled", "true")
                .withProperty("app.simulated-partners", "false");

        new SandboxPresence().postProcessEnvironment(host, new SpringApplication());

        assertThat(host.getProperty("app.simulated-partners")).isEqualTo("false");
    }
}
