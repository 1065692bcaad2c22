package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when {@code relay serve} cannot start: one line naming the cause and the
 * way out, exit 1 (2 for a bad setting), never a stack trace or H2/Flyway's multi-line dump.
 */
class RelayStartFailuresTest {
  private static final String KEYSTORE_PASSWORD = "keystore-pass";

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RelayMain.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), args);
  }

  private String error() {
    String e = err.toString();
    assertThat(e).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("SQL State");
    assertThat(e.strip().lines()).as(e).hasSize(1);
    return e;
  }

  @Test
  void portInUseNamesThePortAndTheWayOut() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int code = run("serve", "--bind", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
          "--data", dir.resolve("d").toString());

      assertThat(code).isEqualTo(1);
      assertThat(error()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("Address already in use").contains("--port");
    }
  }

  /** H2 file mode: another process holds the file. The second relay is a second process, as in production. */
  @Test
  void secondRelayOnTheSameDataFolderSaysTheFirstIsRunning() throws Exception {
    Path data = dir.resolve("live");
    try (TestRelay first = TestRelay.start(data)) {
      Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
          "serve", "--bind", "127.0.0.1", "--port", "0", "--data", data.toString())
          .redirectErrorStream(true).start();
      String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(second.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("relay: the relay database in " + data.toAbsolutePath().normalize())
          .contains("in use by another process").contains("already running")
          .doesNotContain("SQL State").doesNotContain("\tat ");
    }
  }

  @Test
  void dataFolderThatCannotBeCreatedIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

    int code = run("serve", "--bind", "127.0.0.1", "--port", "0", "--data", file.resolve("data").toString());

    assertThat(code).isEqualTo(1);
    assertThat(error()).startsWith("relay: cannot use the data folder " + file.resolve("data"));
  }

  @Test
  void unreachableDatabaseServerIsNamedWithItsUrl() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String url = "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/relay";

    int code = run("serve", "--bind", "127.0.0.1", "--port", "0", "--data", dir.toString(), "--jdbc-url", url);

    assertThat(code).isEqualTo(1);
    assertThat(error()).contains("cannot open the relay database " + url).contains("Connection refused");
  }

  @Test
  void wrongKeystorePasswordSaysSo() throws Exception {
    Path ks = keystore("relay.p12", "-genkeypair", "-alias", "relay", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-validity", "2");
    Path wrong = Files.writeString(dir.resolve("wrong.pass"), "not-the-password\n");

    int code = run("serve", "--bind", "127.0.0.1", "--port", "0", "--data", dir.resolve("d").toString(),
        "--tls-keystore", ks.toString(), "--tls-keystore-password-file", wrong.toString());

    assertThat(code).isEqualTo(1);
    assertThat(error()).contains("TLS keystore " + ks).contains("wrong password");
  }

  @Test
  void keystoreWithoutAPrivateKeyIsRefused() throws Exception {
    Path withKey = keystore("key.p12", "-genkeypair", "-alias", "relay", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-validity", "2");
    Path pem = dir.resolve("relay.pem");
    keytool("-exportcert", "-rfc", "-alias", "relay", "-keystore", withKey.toString(), "-storepass", KEYSTORE_PASSWORD,
        "-file", pem.toString());
    Path certOnly = keystore("cert-only.p12", "-importcert", "-noprompt", "-alias", "ca", "-file", pem.toString());

    int code = run("serve", "--bind", "127.0.0.1", "--port", "0", "--data", dir.resolve("d").toString(),
        "--tls-keystore", certOnly.toString(), "--tls-keystore-password-file", passwordFile().toString());

    assertThat(code).isEqualTo(1);
    assertThat(error()).contains("holds no private key");
  }

  @Test
  void missingPasswordFileIsNamed() throws Exception {
    Path ks = Files.writeString(dir.resolve("relay.p12"), "x");

    int code = run("serve", "--port", "0", "--data", dir.toString(), "--tls-keystore", ks.toString(),
        "--tls-keystore-password-file", dir.resolve("missing.pass").toString());

    assertThat(code).isEqualTo(2);
    assertThat(error()).contains("--tls-keystore-password-file " + dir.resolve("missing.pass") + " does not exist");
  }

  @Test
  void badValueFromTheConfigFileNamesTheKeyAndTheFile() throws Exception {
    Path config = Files.writeString(dir.resolve("relay.properties"), "port=eighty\n");

    int code = run("serve", "--config", config.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'eighty' is not an int").contains("key 'port' in " + config)
        .doesNotContain("Usage:");
  }

  @Test
  void badValueFromTheEnvironmentNamesTheVariable() {
    int code = RelayMain.run(new PrintWriter(out, true), new PrintWriter(err, true),
        Map.of("PRINTERLINK_RELAY_SHUTDOWN_GRACE", "soon"), "serve", "--data", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not an int").contains("env PRINTERLINK_RELAY_SHUTDOWN_GRACE");
  }

  private Path passwordFile() throws IOException {
    Path f = dir.resolve("keystore.pass");
    if (!Files.exists(f)) {
      Files.writeString(f, KEYSTORE_PASSWORD + "\n");
    }
    return f;
  }

  private Path keystore(String name, String... args) throws Exception {
    Path ks = dir.resolve(name);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", KEYSTORE_PASSWORD));
    keytool(all.toArray(String[]::new));
    return ks;
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", args[0], output).isZero();
  }
}
