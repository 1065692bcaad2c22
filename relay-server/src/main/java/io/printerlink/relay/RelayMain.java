package io.printerlink.relay;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The relay's command line: {@code relay serve --port 8080 --bind 0.0.0.0 --data ./relay-data}. */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = RelayMain.Version.class,
    description = "PrinterLink relay server.", subcommands = {RelayMain.Serve.class})
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
    CommandLine cli = new CommandLine(new RelayMain());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return 2;
  }

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

    @Option(names = "--trusted-proxy", paramLabel = "CIDR",
        description = "Address block of a proxy or load balancer in front of the relay whose Forwarded / "
            + "X-Forwarded-For headers are believed (repeatable, e.g. 10.0.0.0/8). Default: none, the TCP peer is the client.")
    List<String> trustedProxies = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      RelayConfig config;
      try {
        config = RelayConfig.builder().port(port).bindHost(bind).dataDir(data)
            .allowLoopbackAgents(allowLoopbackAgents).trustedProxies(trustedProxies).build();
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("relay: " + e.getMessage());
        return 2;
      }
      RelayServer relay;
      try {
        relay = RelayServer.start(config);
      } catch (IllegalStateException e) {
        spec.commandLine().getErr().println(
            "relay: " + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        relay.close();
        stopped.countDown();
      }, "relay-shutdown"));
      stopped.await();
      return 0;
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
