package io.printerlink.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentMain;
import io.printerlink.relay.RelayMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shipped unit files: their ExecStart flags are ones the programs accept, and the hardening is there. */
class SystemdUnitsTest {
  private static final Path UNITS = Path.of("systemd");

  @Test
  void relayUnitFlagsParse() throws IOException {
    List<String> args = programArgs("printerlink-relay.service", "printerlink-relay.jar");

    CommandLine.ParseResult parsed = new CommandLine(new RelayMain()).parseArgs(args.toArray(String[]::new));

    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
    assertThat(args).contains("--config", "--data");
  }

  @Test
  void agentUnitFlagsParse() throws IOException {
    List<String> args = programArgs("printerlink-agent.service", "printerlink-agent-start").stream()
        .map(a -> a.equals("${RELAY}") ? "https://relay.example.org" : a).toList();

    CommandLine.ParseResult parsed = new CommandLine(new AgentMain()).parseArgs(args.toArray(String[]::new));

    assertThat(parsed.matchedOptionValue("--relay", "")).isEqualTo("https://relay.example.org");
  }

  @Test
  void bothUnitsRunHardenedAsTheirOwnUser() throws IOException {
    for (String unit : List.of("printerlink-relay.service", "printerlink-agent.service")) {
      String text = Files.readString(UNITS.resolve(unit));
      assertThat(text).as(unit).contains("NoNewPrivileges=true", "ProtectSystem=strict", "ProtectHome=true",
          "PrivateTmp=true", "StateDirectoryMode=0700", "UMask=0077", "Restart=");
      assertThat(text).as(unit).containsPattern("(?m)^User=printerlink-(relay|agent)$");
      assertThat(text).as(unit).contains("SuccessExitStatus=143", "CapabilityBoundingSet=\n");
    }
  }

  /**
   * Why the units say {@code SuccessExitStatus=143}: a real relay process stopped the way systemd
   * stops it (SIGTERM) shuts down gracefully and exits 143, which systemd would otherwise record as
   * a failure.
   */
  @Test
  void relayStoppedWithSigtermStopsGracefullyAndExits143(@TempDir Path data) throws Exception {
    Process relay = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
        "serve", "--port", "0", "--bind", "127.0.0.1", "--data", data.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8))) {
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null && !line.contains("relay listening on")) {
        seen.append(line).append('\n');
      }
      assertThat(line).as("relay never said it was listening: %s", seen).isNotNull();

      relay.toHandle().destroy(); // SIGTERM, as systemctl stop; Process.destroy() would also close our end of the pipe
      String rest = out.lines().collect(Collectors.joining("\n")); // to the end: the process closed its output
      assertThat(relay.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(relay.exitValue()).as(rest).isEqualTo(143);
      assertThat(rest).contains("relay stopped").doesNotContain("\tat ");
    } finally {
      relay.destroyForcibly();
    }
  }

  /** The words after the program ({@code /opt/printerlink/<program>}) on the ExecStart line. */
  private static List<String> programArgs(String unit, String program) throws IOException {
    String exec = Files.readAllLines(UNITS.resolve(unit)).stream().filter(l -> l.startsWith("ExecStart="))
        .findFirst().orElseThrow();
    List<String> words = Arrays.asList(exec.substring("ExecStart=".length()).trim().split("\\s+"));
    int at = words.indexOf("/opt/printerlink/" + program);
    assertThat(at).as("ExecStart runs " + program).isNotNegative();
    return words.subList(at + 1, words.size());
  }
}
