package io.printerlink.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.core.CoreConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the CLI: a clear one-line message, a non-zero exit, never a stack trace. */
class CliBadInputTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path tmp;

  private int run(Map<String, String> env, String... args) {
    CliContext ctx =
        new CliContext(
            Clock.systemUTC(), System::nanoTime, new SecureRandom(), env, CoreConfig.defaults(),
            new PrintWriter(out, true), new PrintWriter(err, true));
    return Cli.run(ctx, args);
  }

  private void assertNoStackTrace() {
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void plainPasswordOptionDoesNotExist() {
    int code = run(Map.of(), "link", "--relay", "http://127.0.0.1:9", "--username", "alice", "--password", "hunter22");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("unknown option --password").contains("PRINTERLINK_PASSWORD").doesNotContain("hunter22");
    assertNoStackTrace();
  }

  @Test
  void relayUrlMustBeHttp() {
    int code = run(Map.of(), "link", "--relay", "ftp://relay.example.com", "--username", "alice");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("invalid --relay URL");
    assertNoStackTrace();
  }

  @Test
  void relayUrlProblemsAreNamedAndAPasswordInItIsNotEchoed() {
    assertThat(run(Map.of(), "link", "--relay", "http://127.0.0.1:99999", "--username", "alice")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("invalid --relay URL: the port must be from 1 to 65535");
    assertThat(run(Map.of(), "link", "--relay", "http://admin:hunter2secret@127.0.0.1:1", "--username", "alice"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("holds no user name or password").doesNotContain("hunter2secret");
    assertNoStackTrace();
  }

  @Test
  void usernameIsRequiredWithRelay() {
    int code = run(Map.of(CliContext.PASSWORD_ENV, "secret-pass"), "link", "--relay", "http://127.0.0.1:9");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--username is required with --relay");
    assertNoStackTrace();
  }

  @Test
  void badUsernameIsRefused() {
    int code = run(Map.of(CliContext.PASSWORD_ENV, "secret-pass"), "printers", "--relay", "http://127.0.0.1:9", "--username", "A!");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("invalid --username");
    assertNoStackTrace();
  }

  @Test
  void missingPasswordNamesBothWaysToGiveIt() {
    int code = run(Map.of(), "link", "--relay", "http://127.0.0.1:9", "--username", "alice");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains(CliContext.PASSWORD_ENV).contains("--password-file");
    assertNoStackTrace();
  }

  @Test
  void emptyPasswordFileIsRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("pw"), "\n");

    int code = run(Map.of(), "link", "--relay", "http://127.0.0.1:9", "--username", "alice", "--password-file", file.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("is empty");
    assertNoStackTrace();
  }

  @Test
  void unreachableRelayFailsWithReason() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    int code = run(Map.of(CliContext.PASSWORD_ENV, "secret-pass"), "link", "--relay", "http://127.0.0.1:" + port, "--username", "alice");

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString()).contains("cannot connect to the relay at 127.0.0.1:" + port + ": connection refused")
        .doesNotContain("secret-pass");
    assertNoStackTrace();
  }

  @Test
  void relayCaWithoutRelayIsRefusedRatherThanIgnored() throws IOException {
    Path ca = Files.writeString(tmp.resolve("ca.pem"), "not read");

    int code = run(Map.of(), "link", "--relay-ca", ca.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--relay-ca and --insecure need --relay");
    assertThat(tmp.resolve("relay")).doesNotExist();
    assertNoStackTrace();
  }

  @Test
  void insecureWithoutRelayIsRefusedRatherThanIgnored() {
    int code = run(Map.of(), "discover", "--insecure");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--relay-ca and --insecure need --relay");
    assertNoStackTrace();
  }

  @Test
  void dataWithRelayIsRefusedRatherThanIgnored() {
    int code = run(Map.of(CliContext.PASSWORD_ENV, "secret-pass"), "printers", "--relay", "http://127.0.0.1:9",
        "--username", "alice", "--data", tmp.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--data is the embedded relay's folder; it cannot be used with --relay");
    assertNoStackTrace();
  }

  @Test
  void unusableDataFolderIsNamedWithTheReason() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");

    int code = run(Map.of(), "link", "--data", file.toString());

    assertThat(code).isEqualTo(ExitCodes.FAILED);
    assertThat(err.toString().trim())
        .isEqualTo("Error: cannot use the data folder " + file + ": " + file + " exists and is not a folder");
    assertNoStackTrace();
  }
}
