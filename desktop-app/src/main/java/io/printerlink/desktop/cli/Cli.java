package io.printerlink.desktop.cli;

import io.printerlink.desktop.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line twin of the wizard: {@code link}, {@code printers}, {@code discover}. */
@Command(
    name = "printerlink",
    description = "Link a 3D printer on this network to your PrinterLink account.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class)
public final class Cli implements java.util.concurrent.Callable<Integer> {
  private final CliContext ctx;

  private Cli(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Builds the command line, with output and errors going to the context's writers. */
  public static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(new Cli(ctx));
    cl.addSubcommand("link", new LinkCommand(ctx));
    cl.addSubcommand("printers", new PrintersCommand(ctx));
    cl.addSubcommand("discover", new DiscoverCommand(ctx));
    cl.addSubcommand("unlink", new UnlinkCommand(ctx));
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setParameterExceptionHandler((ex, args) -> {
      ctx.err().println("Error: " + describe(ex));
      ctx.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      ctx.err().flush();
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      ctx.err().println("Error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
      ctx.err().flush();
      return ExitCodes.FAILED;
    });
    return cl;
  }

  /**
   * The parse error in words. For unknown arguments only the option names are echoed, never the
   * values (a mistyped {@code --password secret} must not print the secret).
   */
  private static String describe(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException) {
      java.util.List<String> options = new java.util.ArrayList<>();
      for (String arg : ((CommandLine.UnmatchedArgumentException) ex).getUnmatched()) {
        if (arg.startsWith("-")) {
          int eq = arg.indexOf('=');
          options.add(eq > 0 ? arg.substring(0, eq) : arg);
        }
      }
      String text = options.isEmpty() ? "unexpected argument" : "unknown option " + String.join(", ", options);
      if (options.stream().anyMatch(o -> o.equals("--password") || o.equals("-p"))) {
        text += " (there is no --password option: set " + CliContext.PASSWORD_ENV + " or use --password-file FILE)";
      }
      return text;
    }
    return ex.getMessage();
  }

  /** Runs {@code args}; returns the exit code. */
  public static int run(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  @Override
  public Integer call() {
    ctx.err().println("Error: give a command: link, printers, discover or unlink (see --help).");
    ctx.err().flush();
    return ExitCodes.USAGE;
  }
}
