package io.printerlink.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesktopMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String glass, String... args) {
    return DesktopMain.run(args, env, "Linux", glass, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void wizardWithoutDisplayPointsToTheCliAndExits2() {
    int code = run(Map.of(), null);

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .startsWith("No display found: the wizard needs a graphical desktop. Use the command-line twin instead: java -jar ")
        .contains(" link");
  }

  @Test
  void versionGoesToTheCli() {
    int code = run(Map.of(), null, "--version");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("PrinterLink desktop ").doesNotContain("unknown");
  }

  @Test
  void helpListsTheCommands() {
    int code = run(Map.of(), null, "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("link", "printers", "discover");
  }

  @Test
  void unknownCommandIsRefusedWithoutStackTrace() {
    int code = run(Map.of(), null, "frobnicate");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("unknown command 'frobnicate'").doesNotContain("Exception");
  }

  @Test
  void displayIsFoundFromDisplayOrWaylandOrMonocle() {
    assertThat(DisplayCheck.hasDisplay(Map.of("DISPLAY", ":0"), "Linux", null)).isTrue();
    assertThat(DisplayCheck.hasDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isTrue();
    assertThat(DisplayCheck.hasDisplay(Map.of(), "Linux", "Monocle")).isTrue();
    assertThat(DisplayCheck.hasDisplay(Map.of("DISPLAY", " "), "Linux", null)).isFalse();
  }

  @Test
  void wizardFlagsAreCheckedBeforeTheDisplay() {
    int code = run(Map.of(), null, "--relay-ca", "/nonexistent/relay-ca.pem");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).isEqualTo("Error: relay CA file /nonexistent/relay-ca.pem does not exist" + System.lineSeparator());
  }

  @Test
  void wizardFlagsAcceptedThenNoDisplayMessage() {
    int code = run(Map.of(), null, "--insecure");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("No display found");
  }

  @Test
  void unknownWizardFlagIsAMessage() {
    int code = run(Map.of(), null, "--insecure", "--frobnicate");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("Error: Unknown option: '--frobnicate'").doesNotContain("\tat ");
  }

  /** The logback file DesktopMain names parses cleanly (a broken one makes logback print its status on every start). */
  @Test
  void desktopLogbackConfigurationLoadsWithoutErrors() throws Exception {
    ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
    ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
    configurator.setContext(context);
    java.net.URL config = DesktopMain.class.getClassLoader().getResource(DesktopMain.LOGBACK_CONFIG);
    assertThat(config).isNotNull();

    configurator.doConfigure(config);

    assertThat(context.getStatusManager().getCopyOfStatusList())
        .allSatisfy(st -> assertThat(st.getLevel()).as(st.toString()).isLessThan(ch.qos.logback.core.status.Status.WARN));
    assertThat(context.getLogger("org.flywaydb").getEffectiveLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
    context.stop();
  }

  @Test
  void aDisplayThatCannotBeOpenedGetsTheCliHintNotAStackTrace() throws Exception {
    // A real child JVM without the test's headless Monocle settings, DISPLAY naming an X server that is not there.
    java.lang.ProcessBuilder pb = new java.lang.ProcessBuilder(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djavafx.cachedir=" + System.getProperty("javafx.cachedir", System.getProperty("java.io.tmpdir")),
        "-cp", System.getProperty("java.class.path"), DesktopMain.class.getName())
        .redirectErrorStream(true);
    pb.environment().put("DISPLAY", ":97");
    pb.environment().remove("WAYLAND_DISPLAY");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(out).isEqualTo(ExitCodes.USAGE);
    assertThat(out).contains("Cannot open the display :97: the wizard needs a graphical desktop. "
        + "Use the command-line twin instead: ").contains(" link").doesNotContain("Exception in thread");
  }
}
