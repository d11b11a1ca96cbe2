package io.returnflow.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reliability run: each scenario on a fresh PostgreSQL database and a fresh standalone Artemis
 * broker, the packaged service in its prod profile, and one partners process (the sandbox's own
 * runnable jar, playing TikTok, Shopify, NetSuite and ShipHero) that lives through the
 * whole run. Prints a ledger per scenario; exits 1 when any promise is broken.
 *
 * <p>Usage: see reliability/run.sh, which builds everything and passes the paths.
 */
public final class ReliabilityRun {

    static final String APP_KEY = "sandbox-app-key";
    static final String APP_SECRET = "sandbox-app-secret";
    static final String NETSUITE = "NETSUITE";
    static final String SHIPHERO = "SHIPHERO";
    static final List<String> SCENARIOS = List.of("baseline", "faults", "two-instances", "hostile");

    final Scale scale;
    final Path jar;
    final Path partnersJar;
    final Path artemisHome;
    final Path brokerXml;
    final Path work;
    final Random random;
    final String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
    final String adminToken = secret(24);
    final String encryptionKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    final int[] servicePorts;
    final int partnersPort;
    final String pgUser = System.getenv().getOrDefault("PGUSER", "postgres");
    ServiceInstance partnersProcess;
    Partners partners;

    ReliabilityRun(Scale scale, Path jar, Path partnersJar, Path artemisHome, Path brokerXml, Path work, long seed)
            throws IOException {
        this.scale = scale;
        this.jar = jar;
        this.partnersJar = partnersJar;
        this.artemisHome = artemisHome;
        this.brokerXml = brokerXml;
        this.work = work;
        this.random = new Random(seed);
        this.servicePorts = new int[] {freePort(), freePort()};
        this.partnersPort = freePort();
    }

    public static void main(String[] args) throws Exception {
        Scale scale = Scale.full();
        Path jar = null;
        Path partnersJar = null;
        Path artemis = null;
        Path brokerXml = null;
        Path work = null;
        long seed = System.nanoTime();
        List<String> scenarios = SCENARIOS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> scale = Scale.small();
                case "--jar" -> jar = Path.of(args[++i]);
                case "--partners-jar" -> partnersJar = Path.of(args[++i]);
                case "--artemis-home" -> artemis = Path.of(args[++i]);
                case "--broker-xml" -> brokerXml = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--scenarios" -> scenarios = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null || partnersJar == null || artemis == null || brokerXml == null || work == null) {
            throw new IllegalArgumentException("--jar, --partners-jar, --artemis-home, --broker-xml and --work are required"
                    + " (reliability/run.sh passes them)");
        }
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario " + scenario + "; one of " + SCENARIOS);
            }
        }
        Files.createDirectories(work);
        // the processes run in the scenario's directory: every path they get is absolute
        ReliabilityRun run = new ReliabilityRun(scale, jar.toAbsolutePath(), partnersJar.toAbsolutePath(), artemis.toAbsolutePath(),
                brokerXml.toAbsolutePath(), work.toAbsolutePath(), seed);
        System.out.printf("== Reliability run %s (%s scale: %,d webhooks for %,d returns, seed %d), %d cores, logs in %s%n",
                run.runId, scale.name(), scale.webhooks(), scale.returns(), seed, Runtime.getRuntime().availableProcessors(), work);
        boolean kept = run.runAll(scenarios);
        System.out.println(kept ? "== Every promise kept" : "== A promise was broken: see the ledgers above");
        System.exit(kept ? 0 : 1);
    }

    boolean runAll(List<String> scenarios) throws Exception {
        long started = System.nanoTime();
        startPartners();
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        try {
            for (String name : scenarios) {
                long scenarioStarted = System.nanoTime();
                Scenario scenario = new Scenario(this, name);
                Ledger ledger;
                try {
                    ledger = scenario.run();
                } catch (Exception e) {
                    ledger = new Ledger(name);
                    ledger.require(false, "the scenario did not complete: " + e);
                    e.printStackTrace(System.out);
                } finally {
                    scenario.tearDown();
                }
                ledger.line("scenario time", String.format("%.0f s", (System.nanoTime() - scenarioStarted) / 1e9));
                ledger.print();
                verdicts.put(name, ledger.kept());
            }
        } finally {
            partnersProcess.stop();
        }
        System.out.printf("== Summary (%.0f s): %s%n", (System.nanoTime() - started) / 1e9, verdicts);
        return verdicts.values().stream().allMatch(Boolean::booleanValue) && verdicts.size() == scenarios.size();
    }

    /** The partners process: sandbox partners on their own port, webhooks and OAuth redirects to service instance 1. */
    private void startPartners() throws IOException, InterruptedException {
        String service = "http://127.0.0.1:" + servicePorts[0];
        partnersProcess = new ServiceInstance("partners", partnersJar, partnersPort, List.of("-Xmx512m"), List.of(
                "--sandbox.webhook-url=" + service + "/webhooks/tiktok",
                "--tiktok.oauth-redirect-url=" + service + "/oauth/tiktok/callback",
                "--tiktok.app-key=" + APP_KEY, "--tiktok.app-secret=" + APP_SECRET), work.resolve("partners.log"), work);
        partnersProcess.start(Duration.ofMinutes(3));
        partners = new Partners(partnersProcess);
    }

    /** The arguments of a service instance under test: prod profile, this scenario's database and broker, the partners process. */
    List<String> serviceArguments(int port, PostgresDatabase database, ArtemisBroker broker, Path dataDir) {
        String partnersUrl = "http://127.0.0.1:" + partnersPort;
        return List.of(
                "--spring.profiles.active=prod",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=",
                "--spring.artemis.broker-url=" + broker.url(),
                "--spring.artemis.user=" + ArtemisBroker.USER,
                "--spring.artemis.password=" + broker.password(),
                "--tiktok.app-key=" + APP_KEY,
                "--tiktok.app-secret=" + APP_SECRET,
                "--tiktok.service-id=sandbox-service",
                "--tiktok.oauth-redirect-url=http://127.0.0.1:" + servicePorts[0] + "/oauth/tiktok/callback",
                "--tiktok.api-base-url=" + partnersUrl + "/sandbox/tiktok",
                "--tiktok.auth-base-url=" + partnersUrl + "/sandbox/tiktok-auth",
                "--tiktok.authorize-url=" + partnersUrl + "/sandbox/tiktok-auth/open/authorize",
                "--shiphero.api-base-url=" + partnersUrl + "/sandbox/shiphero",
                "--labels.provider-url=" + partnersUrl + "/sandbox/labels",
                "--labels.api-key=sandbox-labels-key",
                // the merchants' Shopify and NetSuite URLs point at the partners process on 127.0.0.1
                "--app.partners.allow-private-hosts=true",
                // The hostile scenario's decoys are real returns at the sandbox TikTok that only forged
                // webhooks name: reconciliation would rightly record them. The run's promises are the webhooks'.
                "--tiktok.reconcile.enabled=false",
                "--app.partners.allow-plain-http=true",
                "--app.admin-token=" + adminToken,
                "--app.encryption-key=" + encryptionKey,
                "--app.data-dir=" + dataDir,
                // plain-text logs in the scenario's log files (prod logs ECS JSON)
                "--logging.structured.format.console=");
    }

    /** Makes the buyers' returns at the sandbox TikTok, a few at a time. */
    List<Partners.SandboxReturn> newReturns(List<String> shopIds, int count) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Partners.SandboxReturn>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String shop = shopIds.get(i % shopIds.size());
                created.add(pool.submit(() -> partners.newReturn(shop)));
            }
            List<Partners.SandboxReturn> returns = new ArrayList<>();
            for (Future<Partners.SandboxReturn> ret : created) {
                returns.add(ret.get());
            }
            return returns;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the sandbox TikTok did not make a return", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    String newShopId() {
        return String.valueOf(7_000_000_000_000_000_000L + Math.floorMod(random.nextLong(), 2_000_000_000_000_000_000L));
    }

    static String secret(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void closeQuietly(PostgresDatabase database) {
        try {
            database.drop();
        } catch (SQLException e) {
            System.out.println("  could not drop database: " + e.getMessage());
        }
    }
}
