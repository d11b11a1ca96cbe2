package io.returnflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTest {

    @Test
    void generatesATokenWhenNoneIsConfiguredAndLogsItOnceClearlyLabelled(CapturedOutput output) {
        AdminToken token = new AdminToken("");

        Matcher logged = Pattern.compile("the admin API token of this run is: (\\S+)").matcher(output.getOut());
        assertThat(logged.find()).isTrue();
        assertThat(token.matches(logged.group(1))).isTrue();
        assertThat(logged.find()).as("logged once").isFalse();
    }

    @Test
    void generatesADifferentTokenEachStart(CapturedOutput output) {
        AdminToken first = new AdminToken(null);
        AdminToken second = new AdminToken(null);
        Matcher logged = Pattern.compile("the admin API token of this run is: (\\S+)").matcher(output.getOut());
        logged.find();
        String firstToken = logged.group(1);

        assertThat(first.matches(firstToken)).isTrue();
        assertThat(second.matches(firstToken)).isFalse();
    }

    @Test
    void usesTheConfiguredTokenWithoutLoggingIt(CapturedOutput output) {
        AdminToken token = new AdminToken("configured-admin-token");

        assertThat(token.matches("configured-admin-token")).isTrue();
        assertThat(token.matches("configured-admin-token ")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(output).doesNotContain("configured-admin-token");
    }
}
