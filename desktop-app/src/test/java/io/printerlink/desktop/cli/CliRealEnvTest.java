package io.printerlink.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.core.CoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process against the embedded relay and demo agent it starts itself. */
class CliRealEnvTest {
  @TempDir Path data;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CliContext ctx =
        new CliContext(
            Clock.systemUTC(), System::nanoTime, new SecureRandom(), Map.of(),
            CoreConfig.defaults().withDiscoveryWait(Duration.ofSeconds(20)),
            new PrintWriter(out, true), new PrintWriter(err, true));
    return Cli.run(ctx, args);
  }

  @Test
  void linkWithEmbeddedRelayPrintsEveryStateAndExitsZero() {
    int code = run("link", "--data", data.toString());

    assertThat(code).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
    String printed = out.toString();
    assertThat(printed).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  EXCHANGE");
    assertThat(printed).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  LINKED");
    assertThat(printed.indexOf("EXCHANGE")).isLessThan(printed.indexOf("REQUEST"));
    assertThat(printed.indexOf("REQUEST")).isLessThan(printed.indexOf("LINKED"));
    assertThat(printed).contains("Linked \"Demo printer\"");
  }

  @Test
  void discoverWithEmbeddedRelayListsTheDemoPrinter() {
    int code = run("discover", "--data", data.toString());

    assertThat(code).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("The relay sees this computer as");
  }
}
