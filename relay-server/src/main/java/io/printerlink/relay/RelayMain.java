package io.printerlink.relay;

import ch.qos.logback.classic.LoggerContext;
import io.printerlink.protocol.Secret;
import io.printerlink.relay.cli.AdminCommands;
import io.printerlink.relay.cli.ConfigDefaults;
import io.printerlink.relay.cli.ConfigOption;
import io.printerlink.relay.cli.LogSetup;
import io.printerlink.relay.cli.SecretFiles;
import io.printerlink.relay.cli.StartFailures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The relay's command line: {@code relay serve --port 8080 --bind 0.0.0.0 --data ./relay-data}. */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = RelayMain.Version.class,
    description = "PrinterLink relay server.", subcommands = {RelayMain.Serve.class, AdminCommands.Users.class,
        AdminCommands.Printers.class, AdminCommands.Audit.class, AdminCommands.Backup.class})
public final class RelayMain implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (bad flags: a message and 2, no stack trace). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #run(String...)}, writing to the given streams. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /**
   * As {@link #run(String...)}, with the environment to read {@code PRINTERLINK_RELAY_*} settings
   * from: flag, then environment, then config file, then built-in default.
   */
  public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    args = serveByDefault(args);
    CommandLine cli = new CommandLine(new RelayMain());
    cli.setOut(out);
    cli.setErr(err);
    ConfigDefaults defaults;
    try {
      defaults = ConfigDefaults.load(args, env);
      defaults.checkKeys(cli);
      cli.setDefaultValueProvider(defaults);
    } catch (IllegalArgumentException e) {
      err.println("relay: " + e.getMessage());
      return 2;
    }
    String[] given = args;
    // A bad flag value: one line naming where it came from (a config-file key or env variable
    // looks like a flag to picocli), and a pointer to --help instead of the whole usage page.
    cli.setParameterExceptionHandler((e, ignored) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("relay: " + e.getMessage() + defaults.origin(e.getArgSpec(), given));
      CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("relay: " + e.getMessage());
      return 1;
    });
    return cli.execute(args);
  }

  /**
   * {@code relay --port 8080} means {@code relay serve --port 8080}: flags without a command run
   * the server, as the runnable jar's users expect; {@code --help} and {@code --version} stay the
   * top level's.
   */
  static String[] serveByDefault(String[] args) {
    if (args.length == 0 || !args[0].startsWith("-") || TOP_LEVEL_FLAGS.contains(args[0])) {
      return args;
    }
    String[] withServe = new String[args.length + 1];
    withServe[0] = "serve";
    System.arraycopy(args, 0, withServe, 1, args.length);
    return withServe;
  }

  private static final java.util.Set<String> TOP_LEVEL_FLAGS = java.util.Set.of("-h", "--help", "-V", "--version");

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return 2;
  }

  /** What the JVM exits with on SIGTERM (128 + 15); the systemd units count it as success. */
  static final int SIGTERM_EXIT = 143;

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the relay until stopped.")
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (0 = any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--data", defaultValue = "./relay-data", description = "Folder for the database. Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--allow-loopback-agents", description = "Development mode: accept agents announcing a loopback address.")
    boolean allowLoopbackAgents;

    @Mixin ConfigOption configFile;
    @Mixin ServeOps ops;
    @Option(names = "--trusted-proxy", paramLabel = "CIDR", split = ",",
        description = "Address block of a proxy or load balancer in front of the relay whose Forwarded / "
            + "X-Forwarded-For headers are believed (repeatable, e.g. 10.0.0.0/8). Default: none, the TCP peer is the client.")
    List<String> trustedProxies = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      RelayConfig config;
      try {
        RelayConfig.Builder b = RelayConfig.builder();
        fromFlag("--port", () -> b.port(port));
        fromFlag("--trusted-proxy", () -> b.trustedProxies(trustedProxies));
        config = ops.apply(b.bindHost(bind).dataDir(data).allowLoopbackAgents(allowLoopbackAgents)).build();
      } catch (IllegalArgumentException | IOException e) {
        spec.commandLine().getErr().println("relay: " + e.getMessage());
        return 2;
      }
      // The stop hook exists before the relay listens: a SIGTERM that arrives while it starts (or
      // just after "relay listening") still gets the graceful stop, never a half-started exit.
      AtomicReference<RelayServer> running = new AtomicReference<>();
      CountDownLatch startEnded = new CountDownLatch(1);
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        try {
          startEnded.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        RelayServer r = running.get();
        if (r != null) {
          r.close();
        }
        stopped.countDown();
      }, "relay-shutdown");
      try {
        Runtime.getRuntime().addShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        return SIGTERM_EXIT; // stopped before it started: nothing to close
      }
      try {
        running.set(RelayServer.start(config));
      } catch (IllegalStateException e) {
        spec.commandLine().getErr().println("relay: " + StartFailures.describe(e, config));
        removeHook(hook);
        return 1;
      } finally {
        startEnded.countDown();
      }
      stopped.await();
      return 0;
    }

    /**
     * Applies a flag's value; a value the relay refuses names where it came from when that was
     * not the command line (an env variable or config-file key), as picocli's own errors do.
     */
    private void fromFlag(String flag, Runnable apply) {
      try {
        apply.run();
      } catch (IllegalArgumentException e) {
        String origin = spec.commandLine().getDefaultValueProvider() instanceof ConfigDefaults defaults
            ? defaults.origin(spec.findOption(flag), spec.commandLine().getParseResult().originalArgs().toArray(String[]::new))
            : "";
        throw new IllegalArgumentException(e.getMessage() + origin, e);
      }
    }

    private static void removeHook(Thread hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway and finds nothing to close
      }
    }
  }

  /** {@code serve} options for production: TLS, database URL, logging, shutdown grace. */
  static final class ServeOps {
    /** Env variable holding the keystore password when no password file is given. */
    static final String TLS_PASSWORD_ENV = ConfigDefaults.ENV_PREFIX + "TLS_KEYSTORE_PASSWORD";

    @Option(names = "--tls-keystore", paramLabel = "FILE",
        description = "PKCS12 keystore (key + certificate chain): serve https/wss only.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
        description = "File holding the keystore password (first line). Otherwise env " + TLS_PASSWORD_ENV + ".")
    Path tlsPasswordFile;

    @Option(names = "--jdbc-url", paramLabel = "URL",
        description = "H2 JDBC URL instead of the file in --data (e.g. jdbc:h2:tcp://db-host/relay).")
    String jdbcUrl;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "TRACE, DEBUG, INFO, WARN or ERROR. Default: INFO")
    String logLevel;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text or json (one JSON object per line). Default: text")
    String logFormat;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS",
        description = "On stop, how long link requests in flight may take to finish. Default: 5")
    Integer shutdownGraceSeconds;

    RelayConfig.Builder apply(RelayConfig.Builder b) throws IOException {
      if (logLevel != null || logFormat != null) {
        LogSetup.apply((LoggerContext) LoggerFactory.getILoggerFactory(),
            logLevel != null ? logLevel : "INFO", logFormat != null ? logFormat : LogSetup.TEXT);
      }
      if (tlsKeystore != null) {
        if (!Files.isReadable(tlsKeystore)) {
          throw new IllegalArgumentException("--tls-keystore " + tlsKeystore + " is not a readable file");
        }
        b.tlsKeystore(tlsKeystore, tlsPassword());
      } else if (tlsPasswordFile != null) {
        throw new IllegalArgumentException("--tls-keystore-password-file needs --tls-keystore");
      }
      if (jdbcUrl != null) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
          throw new IllegalArgumentException("--jdbc-url: only H2 URLs (jdbc:h2:...) are supported");
        }
        b.jdbcUrl(jdbcUrl);
      }
      if (shutdownGraceSeconds != null) {
        if (shutdownGraceSeconds < 0 || shutdownGraceSeconds > 300) {
          throw new IllegalArgumentException("--shutdown-grace must be from 0 to 300 seconds");
        }
        b.shutdownGrace(Duration.ofSeconds(shutdownGraceSeconds));
      }
      return b;
    }

    private Secret tlsPassword() throws IOException {
      if (tlsPasswordFile != null) {
        return SecretFiles.firstLine(tlsPasswordFile, "--tls-keystore-password-file");
      }
      String env = System.getenv(TLS_PASSWORD_ENV);
      if (env == null || env.isEmpty()) {
        throw new IllegalArgumentException("--tls-keystore needs its password: --tls-keystore-password-file FILE or env "
            + TLS_PASSWORD_ENV);
      }
      return Secret.fromText(env);
    }
  }

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RelayMain.class.getPackage().getImplementationVersion();
      return new String[] {"PrinterLink relay " + (v != null ? v : "dev")};
    }
  }
}
