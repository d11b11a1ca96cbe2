package io.returnflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void writesAGeneratedTokenToAnOwnerOnlyFileUnderTheDataDirectory() throws IOException {
        AdminToken token = new AdminToken("", dataDir);

        Path file = dataDir.resolve("admin-token");
        assertThat(token.matches(Files.readString(file).trim())).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(dataDir)) {
            assertThat(left).as("no draft left beside it").containsExactly(file);
        }
    }

    @Test
    void logsWhereTheGeneratedTokenIsAndNeverTheTokenItself(CapturedOutput output) throws IOException {
        new AdminToken(null, dataDir);

        String token = Files.readString(dataDir.resolve("admin-token")).trim();
        assertThat(output.getOut()).contains("the admin API token of this run is in " + dataDir.resolve("admin-token").toAbsolutePath())
                .doesNotContain(token);
    }

    @Test
    void generatesADifferentTokenEachStart() throws IOException {
        AdminToken first = new AdminToken(null, dataDir);
        String firstToken = Files.readString(dataDir.resolve("admin-token")).trim();
        AdminToken second = new AdminToken(null, dataDir);

        assertThat(first.matches(firstToken)).isTrue();
        assertThat(second.matches(firstToken)).isFalse();
        assertThat(second.matches(Files.readString(dataDir.resolve("admin-token")).trim())).isTrue();
    }

    @Test
    void usesTheConfiguredTokenWithoutWritingOrLoggingIt(CapturedOutput output) {
        AdminToken token = new AdminToken("configured-admin-token", dataDir);

        assertThat(token.matches("configured-admin-token")).isTrue();
        assertThat(token.matches("configured-admin-token ")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(output).doesNotContain("configured-admin-token");
        assertThat(dataDir.resolve("admin-token")).doesNotExist();
    }
}
