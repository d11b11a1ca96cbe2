package io.returnflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Which packages the service's code may import, read from its sources. */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/io/returnflow");

    @Test
    void messagingKnowsNothingOfTheReturnHistory() {
        assertThat(importing("messaging", "io.returnflow.history")).isEmpty();
    }

    @Test
    void labelsReachTheMarketplaceThroughTheReturnsDomain() {
        assertThat(importing("labels", "io.returnflow.tiktok")).isEmpty();
    }

    @Test
    void theServiceKnowsNothingOfTheSimulatedPartners() {
        assertThat(importing("", "io.returnflow.sandbox")).isEmpty();
        assertThat(MAIN.resolve("sandbox")).doesNotExist();
    }

    /** Source files of the package (and below) that import the other one, as "File: import line". */
    private static List<String> importing(String pkg, String imported) {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> lines(file).stream()
                            .filter(line -> line.startsWith("import " + imported + ".") || line.startsWith("import static " + imported + "."))
                            .map(line -> MAIN.relativize(file) + ": " + line))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
