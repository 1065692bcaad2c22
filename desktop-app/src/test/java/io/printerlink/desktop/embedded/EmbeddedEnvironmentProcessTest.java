package io.printerlink.desktop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.DesktopMain;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop CLI in a child JVM, as a user runs it: H2 lets one process hold the embedded relay's database. */
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
}
