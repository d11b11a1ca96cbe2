package io.returnflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own ChromeDriver (both from the chromium and
 * chromium-driver packages, which the build installs when missing: .ci/ensure-chromium). Paths are
 * given explicitly, so Selenium Manager never tries to download a browser or a driver. Each browser
 * has a fresh profile; {@link #screenshot} keeps what the page showed at each step under
 * target/console-screenshots/&lt;test&gt;/.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(env("CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final List<String> requestedUrls = new ArrayList<>();
    private int step;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /** @param test names the folder of this browser's screenshots */
    public static Browser start(String test) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The console tests need Chromium and ChromeDriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + " (Debian packages chromium, chromium-driver; .ci/ensure-chromium installs them)");
        }
        try {
            Path profile = Files.createTempDirectory("console-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            Path screenshots = Path.of("target", "console-screenshots", test);
            deleteTree(screenshots);
            Files.createDirectories(screenshots);
            return new Browser(new ChromeDriver(service, options), profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(By by) {
        return waitUntil(d -> d.findElement(by));
    }

    /**
     * Waits for what the page shows: a condition that answers null or false, or finds no element,
     * or an element the page has just re-rendered, is asked again.
     */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Waits until the element's text contains {@code text}; answers the element. */
    public WebElement waitForText(By by, String text) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).getText().contains(text) ? null : found.get(0);
        });
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the page as it looks now as NN-name.png. */
    public Path screenshot(String name) {
        Path target = screenshots.resolve("%02d-%s.png".formatted(++step, name));
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * Every URL the page requested so far (documents, scripts, API calls) and the document each
     * request came from, read from Chromium's network log.
     */
    public List<String> requestedUrls() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode event = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(event.path("method").asText())) {
                    requestedUrls.add(event.path("params").path("request").path("url").asText());
                    requestedUrls.add(event.path("params").path("documentURL").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(requestedUrls);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
