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

  @Test
  void aTerminatedCliStillStopsTheRelayAndDeletesTheDemoAgentFolder() throws Exception {
    // link --code then waits for the code to be used (10 minutes): a run the user ends with Ctrl-C or kill.
    // Ended as soon as the embedded relay and the demo agent are up (the log line comes after the hook).
    Process p = cli("link", "--code", "--data", data.toString()).start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.contains("Embedded relay on ")) {
        seen.add(line);
      }
      assertThat(line).as("output before it ended:\n%s", String.join("\n", seen)).isNotNull();
      assertThat(demoAgentFolders()).hasSize(1);

      p.toHandle().destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C (Process.destroy would close our end of the output)
      assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      while ((line = r.readLine()) != null) {
        seen.add(line);
      }
    } finally {
      p.destroyForcibly();
    }

    assertThat(demoAgentFolders()).as("output:\n%s", String.join("\n", seen)).isEmpty();
    assertThat(String.join("\n", seen)).contains("printer agent stopped").contains("relay stopped")
        .doesNotContain("Database is already closed")
        // The relay stopping under the command is not reported as the command's failure.
        .contains("Interrupted: link stopped before it finished.")
        .doesNotContain("Error:");
  }

  @Test
  void aLinkEndedWhileTheCodeIsShownSaysItWasInterruptedNotThatTheRelayWasLost() throws Exception {
    Process p = cli("link", "--code", "--data", data.toString()).start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.contains("Code: ")) {
        seen.add(line);
      }
      assertThat(line).as("output before it ended:\n%s", String.join("\n", seen)).isNotNull();
      p.toHandle().destroy(); // SIGTERM, as kill or Ctrl-C
      assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      while ((line = r.readLine()) != null) {
        seen.add(line);
      }
    } finally {
      p.destroyForcibly();
    }
    String output = String.join("\n", seen);
    assertThat(p.exitValue()).as(output).isEqualTo(143);
    assertThat(output)
        .contains("Interrupted: link stopped before it finished. If the printer had already taken the link request or the code")
        .doesNotContain("Error:")
        .doesNotContain("lost the live connection");
  }
}
