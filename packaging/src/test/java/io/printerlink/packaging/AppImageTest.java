package io.printerlink.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jpackage app-image the installer profile just built: its launcher starts headless (no
 * DISPLAY) and prints the app's version, and the image carries its icon and the app's jars.
 * Runs only in {@code -Pinstaller}, which sets {@code printerlink.appImage}.
 */
class AppImageTest {
  private static final long LAUNCH_TIMEOUT_SECONDS = 60;

  private final Path image = Path.of(required("printerlink.appImage"));
  private final String version = required("printerlink.expectedVersion");

  @Test
  void launcherPrintsTheVersionHeadless() throws Exception {
    Launch run = launch("--version");

    assertThat(run.exitCode()).as("exit code; output: %s", run.output()).isZero();
    // Exactly the version: no logging set-up chatter (the image holds several logback.xml).
    assertThat(run.output().strip()).isEqualTo("PrinterLink desktop " + version);
  }

  @Test
  void launcherWithoutDisplayPointsToTheCommandLine() throws Exception {
    Launch run = launch();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("No display found")
        .contains(image.resolve("bin/printerlink") + " link");
  }

  /** The jlinked runtime holds every module the app needs: embedded relay (H2, Flyway), agent, client, TLS. */
  @Test
  void commandLineTwinLinksTheDemoPrinterInsideTheImage(@TempDir Path data) throws Exception {
    Launch run = launch("link", "--data", data.toString());

    assertThat(run.exitCode()).as("exit code; output: %s", run.output()).isZero();
    assertThat(run.output()).contains("Linked \"Demo printer\"").doesNotContain("|-INFO in ch.qos.logback")
        .doesNotContain("|-WARN in ch.qos.logback");
  }

  @Test
  void imageCarriesTheIconAndTheApp() {
    assertThat(image.resolve("lib/printerlink.png")).isRegularFile();
    assertThat(image.resolve("lib/app/desktop-app-" + version + ".jar")).isRegularFile();
    assertThat(image.resolve("lib/runtime/bin/java")).isRegularFile();
  }

  private Launch launch(String... args) throws IOException, InterruptedException {
    Path launcher = image.resolve("bin/printerlink");
    assertThat(launcher).isExecutable();
    String[] cmd = new String[args.length + 1];
    cmd[0] = launcher.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("DISPLAY");
    pb.environment().remove("WAYLAND_DISPLAY");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("launcher did not exit within " + LAUNCH_TIMEOUT_SECONDS + " s");
    }
    return new Launch(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(property + " is not set: run with -Pinstaller (see packaging/README.md)");
    }
    return v;
  }

  private record Launch(int exitCode, String output) {}
}
