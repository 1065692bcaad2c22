package io.printerlink.agent;

import io.printerlink.protocol.RelayTrust;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the printer agent. Running it without a subcommand (or with {@code run}) starts
 * the agent until it is stopped. Bad flags print a message and exit non-zero, without a stack trace.
 */
@Command(
    name = "printer-agent",
    mixinStandardHelpOptions = true,
    versionProvider = AgentMain.Version.class,
    description = "Runs the PrinterLink agent beside a printer.",
    subcommands = {AgentMain.Run.class, StatusCommand.class, LinkCodeCommand.class})
public final class AgentMain implements Callable<Integer> {
  @CommandLine.Mixin private RunOptions options = new RunOptions();

  public static void main(String[] args) {
    skipJettyMBeanProbe();
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Jetty sizes its padded counters by asking the platform MBean server whether compressed object
   * pointers are on, which loads JMX (about 150 classes, ~3 MiB resident) into a process that
   * never uses it. Telling Jetty the answer skips that. The agent's heap is capped far below
   * 32 GiB, so pointers are compressed: 4 bytes, 16 per 64-byte cache line (Jetty's own default
   * line size). An operator's own {@code -D} setting wins.
   */
  static void skipJettyMBeanProbe() {
    if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null
        && Runtime.getRuntime().maxMemory() < COMPRESSED_OOPS_HEAP_LIMIT) {
      System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
    }
  }

  private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
  private static final long COMPRESSED_OOPS_HEAP_LIMIT = 30L << 30;

  /** Parses and runs; returns the exit code (tests call this). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new AgentMain());
    cl.setOut(out);
    cl.setErr(err);
    // A bad flag: one line and a pointer to --help, not the whole usage page.
    cl.setParameterExceptionHandler((e, ignored) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("printer-agent: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
      cmd.getErr().flush();
      return CommandLine.ExitCode.USAGE;
    });
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("printer-agent: " + e.getMessage());
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    return options.run();
  }

  /** {@code printer-agent run ...}: the same as no subcommand. */
  @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the agent (the default).")
  public static final class Run implements Callable<Integer> {
    @CommandLine.Mixin private RunOptions options = new RunOptions();

    @Override
    public Integer call() throws Exception {
      return options.run();
    }
  }

  /** The run flags. */
  public static final class RunOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--relay", paramLabel = "URL", description = "The relay's http(s) base URL (required).")
    private String relay;

    @Option(names = "--port", paramLabel = "PORT", description = "LAN exchange port (default: ${DEFAULT-VALUE}).")
    private int port = AgentConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String bind = AgentConfig.DEFAULT_BIND_HOST;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State folder (default: ${DEFAULT-VALUE}).")
    private Path stateDir = Path.of("agent-state");

    @Option(names = "--name", paramLabel = "NAME", description = "Printer name shown to the user (default: from the host name).")
    private String name;

    @Option(names = "--model", paramLabel = "MODEL", description = "Printer model or profile (default: ${DEFAULT-VALUE}).")
    private String model = AgentConfig.DEFAULT_MODEL;

    @Option(names = "--advertise-host", paramLabel = "HOST[:PORT]",
        description = "Private IP (and port) to announce instead of the chosen ones, e.g. 192.168.1.50:8080 or [fd00::50]:8080.")
    private String advertiseHost;

    @Option(names = "--relay-ca", paramLabel = "FILE",
        description = "PEM file with the CA (or certificate) a self-hosted relay's TLS certificate must chain to "
            + "(default: the system trust store).")
    private Path relayCa;

    @Option(names = "--insecure", description = "Allow a plain http:// relay URL to another machine (tokens travel unencrypted).")
    private boolean insecure;

    AgentConfig toConfig() {
      if (relay == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--relay=URL'");
      }
      URI uri;
      try {
        uri = new URI(relay);
      } catch (URISyntaxException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--relay: not a URL");
      }
      try {
        return AgentConfig.builder()
            .relayUri(uri)
            .port(port)
            .bindHost(bind)
            .stateDir(stateDir)
            .name(name)
            .model(model)
            .advertiseHost(advertiseHost)
            .relayTrust((relayCa == null ? RelayTrust.system() : RelayTrust.fromPem(relayCa)).allowInsecure(insecure))
            .build();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    int run() throws IOException, InterruptedException {
      AgentConfig config = toConfig();
      CountDownLatch stop = new CountDownLatch(1);
      PrinterAgent agent = PrinterAgent.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        agent.close();
        stop.countDown();
      }, "printer-agent-shutdown"));
      stop.await();
      return 0;
    }
  }

  /** {@code --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"printer-agent " + AgentVersion.get()};
    }
  }
}
