package io.printerlink.desktop;

import io.printerlink.desktop.cli.Cli;
import io.printerlink.desktop.cli.CliContext;
import io.printerlink.desktop.cli.ExitCodes;
import io.printerlink.desktop.cli.StopNotice;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.wizard.WizardLauncher;
import io.printerlink.protocol.RelayTrust;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Entry point of the desktop app (does not extend {@code Application}, so JavaFX on the class
 * path works). No arguments (or only {@code --relay-ca FILE} / {@code --insecure}): the wizard. {@code link}, {@code printers}, {@code discover},
 * {@code --help}, {@code --version}: the command-line twin.
 */
public final class DesktopMain {
  private static final Set<String> COMMANDS = Set.of("link", "printers", "discover", "unlink");
  private static final Set<String> CLI_WORDS = Set.of("link", "printers", "discover", "unlink", "--help", "-h", "--version", "-V");

  private DesktopMain() {}

  /** The app's logback configuration (a class-path resource); {@code -Dlogback.configurationFile} still wins. */
  static final String LOGBACK_CONFIG = "io/printerlink/desktop/logback-desktop.xml";

  public static void main(String[] args) {
    // Before any logger exists: the relay's and the agent's jars each bring a logback.xml, and
    // finding two makes logback dump its status on every start (see the resource).
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    PrintWriter realErr = new PrintWriter(System.err, true, Charset.defaultCharset());
    StopNotice stop = new StopNotice(realErr);
    PrintWriter out = stop.gate(System.out, Charset.defaultCharset());
    PrintWriter err = stop.gate(System.err, Charset.defaultCharset());
    if (args.length > 0 && COMMANDS.contains(args[0])) {
      Runtime.getRuntime().addShutdownHook(stop.hook(args[0], command()));
    }
    int code = run(args, System.getenv(), System.getProperty("os.name"), System.getProperty("glass.platform"), out, err);
    stop.finished();
    if (code >= 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the app. Returns the exit code, or -1 when the wizard was started (the JavaFX thread
   * keeps the process alive until its window closes).
   */
  static int run(
      String[] args, Map<String, String> env, String osName, String glassPlatform, PrintWriter out, PrintWriter err) {
    if (args.length == 0 || WizardOptions.isWizardFlag(args[0])) {
      RelayTrust trust;
      try {
        trust = WizardOptions.parse(args);
      } catch (IllegalArgumentException e) {
        err.println("Error: " + e.getMessage());
        err.flush();
        return ExitCodes.USAGE;
      }
      if (!DisplayCheck.hasDisplay(env, osName, glassPlatform)) {
        err.println("No display found: the wizard needs a graphical desktop. Use the command-line twin instead: "
            + command() + " link");
        err.flush();
        return ExitCodes.USAGE;
      }
      try {
        WizardLauncher.launch(Clock.systemDefaultZone(), System::nanoTime, new SecureRandom(), CoreConfig.defaults(), null, trust);
      } catch (UnsupportedOperationException | IllegalStateException e) {
        // DISPLAY is set but no X server answers there (a stale DISPLAY, an ssh session without -X, ...):
        // JavaFX's toolkit start-up throws "Unable to open DISPLAY".
        err.println("Cannot open the display" + (env.get("DISPLAY") == null ? "" : " " + printable(env.get("DISPLAY")))
            + ": the wizard needs a graphical desktop. Use the command-line twin instead: " + command() + " link");
        err.flush();
        return ExitCodes.USAGE;
      }
      return -1;
    }
    if (!CLI_WORDS.contains(args[0])) {
      err.println("Error: unknown command '" + printable(args[0]) + "'. Commands: link, printers, discover, unlink; or no arguments "
          + "(or --relay-ca FILE, --insecure) for the wizard.");
      err.flush();
      return ExitCodes.USAGE;
    }
    CliContext ctx =
        new CliContext(Clock.systemDefaultZone(), System::nanoTime, new SecureRandom(), env, CoreConfig.defaults(), out, err);
    return Cli.run(ctx, args);
  }

  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return cut.replaceAll("[^\\p{Print}]", "?");
  }

  /** How the user started this app: the installed launcher (jpackage sets its path), else {@code java -jar <jar>}. */
  static String command() {
    String launcher = System.getProperty("jpackage.app-path");
    return launcher != null && !launcher.isBlank() ? launcher : "java -jar " + jarName();
  }

  static String jarName() {
    try {
      Path p = Path.of(DesktopMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (p.getFileName().toString().endsWith(".jar")) {
        // As the user would type it from where they are (e.g. desktop-app/target/printerlink-desktop.jar).
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
      }
    } catch (Exception e) {
      // fall back to the documented name
    }
    return "printerlink-desktop.jar";
  }
}
