package io.printerlink.desktop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.DesktopMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop CLI in a child JVM, as a user runs it: H2 lets one process hold the embedded
 * relay's database, and Ctrl-C / {@code kill} end the JVM without the normal close.
 */
class EmbeddedEnvironmentProcessTest {
  private static final long WAIT_SECONDS = 60;

  @TempDir Path data;

  private static ProcessBuilder cli(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DesktopMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
  }

  private List<Path> demoAgentFolders() throws IOException {
    try (Stream<Path> s = Files.list(data)) {
      return s.filter(p -> p.getFileName().toString().startsWith("demo-agent-")).toList();
    }
  }

  @Test
  void aDataFolderHeldByAnotherProcessIsNamedInsteadOfARelayStartFailure() throws Exception {
    try (EmbeddedEnvironment running = EmbeddedEnvironment.start(data, new SecureRandom())) {
      Process p = cli("link", "--data", data.toString()).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

      assertThat(p.exitValue()).as(output).isEqualTo(1);
      assertThat(output)
          .contains("Error: the data folder " + data + " is in use by another PrinterLink app on this computer")
          .contains("close it first, or use another data folder")
          .doesNotContain("relay failed to start")
          .doesNotContain("\tat ");
    }
  }

  /**
   * Runs {@code link --code} (which then waits 10 minutes for the code to be used) until a line
   * containing {@code marker}, checks {@code whileRunning}, then ends it with SIGTERM (shutdown
   * hooks run, as on Ctrl-C) and returns everything it printed.
   */
  private Terminated terminateAt(String marker, ThrowingRunnable whileRunning) throws Exception {
    Process p = cli("link", "--code", "--data", data.toString()).start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.contains(marker)) {
        seen.add(line);
      }
      assertThat(line).as("output before it ended:\n%s", String.join("\n", seen)).isNotNull();
      whileRunning.run();
      p.toHandle().destroy(); // (Process.destroy would close our end of the output)
      assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      while ((line = r.readLine()) != null) {
        seen.add(line);
      }
    } finally {
      p.destroyForcibly();
    }
    return new Terminated(p.exitValue(), String.join("\n", seen));
  }

  private record Terminated(int exitCode, String output) {}

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void aTerminatedCliStillStopsTheRelayAndDeletesTheDemoAgentFolder() throws Exception {
    // Ended as soon as the embedded relay and the demo agent are up (the log line comes after the hook).
    Terminated t = terminateAt("Embedded relay on ", () -> assertThat(demoAgentFolders()).hasSize(1));

    assertThat(demoAgentFolders()).as("output:\n%s", t.output()).isEmpty();
    assertThat(t.output()).contains("printer agent stopped").contains("relay stopped")
        .doesNotContain("Database is already closed")
        // The relay stopping under the command is not reported as the command's failure.
        .contains("Interrupted: link stopped before it finished.")
        .doesNotContain("Error:");
  }

  @Test
  void aLinkEndedWhileTheCodeIsShownSaysItWasInterruptedNotThatTheRelayWasLost() throws Exception {
    Terminated t = terminateAt("Code: ", () -> { });

    assertThat(t.exitCode()).as(t.output()).isEqualTo(143);
    assertThat(t.output())
        .contains("Interrupted: link stopped before it finished. If the printer had already taken the link request or the code")
        .doesNotContain("Error:")
        .doesNotContain("lost the live connection");
  }

  @Test
  void aDemoAgentFolderLeftByKillMinus9IsDeletedByTheNextRun() throws Exception {
    Process p = cli("link", "--code", "--data", data.toString()).start();
    List<Path> leftover;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.contains("Code: ")) {
        // until the code is shown
      }
      assertThat(line).isNotNull();
      p.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
    leftover = demoAgentFolders();
    assertThat(leftover).hasSize(1);

    try (EmbeddedEnvironment next = EmbeddedEnvironment.start(data, new SecureRandom())) {
      assertThat(demoAgentFolders()).hasSize(1).doesNotContainAnyElementsOf(leftover);
    }
    assertThat(demoAgentFolders()).isEmpty();
  }
}
