package io.printerlink.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.core.CoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --relay-ca} and {@code --insecure}: plain http to a remote relay is refused; a bad CA file is a clear usage error. */
class CliRelayTrustTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> env = Map.of(CliContext.PASSWORD_ENV, "secret-pass");

  @TempDir Path tmp;

  private int run(String... args) {
    CliContext ctx = new CliContext(Clock.systemUTC(), System::nanoTime, new SecureRandom(), env, CoreConfig.defaults(),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return Cli.run(ctx, args);
  }

  @Test
  void plainHttpToARemoteRelayIsRefused() {
    int code = run("link", "--relay", "http://relay.example.org", "--username", "alice");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("refusing plain http to relay.example.org").contains("--insecure")
        .doesNotContain("\tat ");
  }

  @Test
  void missingRelayCaFileIsAUsageError() {
    int code = run("link", "--relay", "https://relay.example.org", "--username", "alice",
        "--relay-ca", tmp.resolve("nope.pem").toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("relay CA file").contains("does not exist");
  }

  @Test
  void relayCaFileWithoutACertificateIsAUsageError() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate");

    int code = run("link", "--relay", "https://relay.example.org", "--username", "alice", "--relay-ca", junk.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("is not a PEM certificate");
  }
}
