package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.SignInRequest;
import io.printerlink.relay.cli.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's admin command line (users, printers, audit, backup), its config file and environment. */
class RelayAdminCliTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return RelayMain.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private Path data() throws Exception {
    Path data = dir.resolve("data");
    TestRelay.start(data).close(); // a migrated, stopped relay database
    return data;
  }

  private Path passwordFile() throws Exception {
    Path f = dir.resolve("pw");
    Files.writeString(f, TestRelay.PASSWORD + "\n");
    return f;
  }

  @Test
  void usersAddThenListShowsTheAccountAndItCanSignIn() throws Exception {
    Path data = data();

    assertThat(run("users", "add", "alice", "--display-name", "Alice", "--password-file", passwordFile().toString(),
        "--data", data.toString())).isZero();
    assertThat(run("users", "list", "--data", data.toString())).isZero();
    assertThat(out.toString()).contains("alice").contains("active");

    try (TestRelay t = TestRelay.start(data)) {
      assertThat(t.call("POST", "/api/v1/sessions", null,
          new SignInRequest("alice", Secret.fromText(TestRelay.PASSWORD))).status()).isEqualTo(201);
    }
  }

  @Test
  void disabledUserCannotSignInAndIsListedDisabled() throws Exception {
    Path data = data();
    run("users", "add", "bob", "--password-file", passwordFile().toString(), "--data", data.toString());

    assertThat(run("users", "disable", "bob", "--data", data.toString())).isZero();
    run("users", "list", "--data", data.toString());
    assertThat(out.toString()).contains("bob").contains("disabled");
    run("audit", "tail", "--data", data.toString());
    assertThat(out.toString()).contains("ACCOUNT_DISABLED").contains("by admin: bob");

    try (TestRelay t = TestRelay.start(data)) {
      TestRelay.Resp r = t.call("POST", "/api/v1/sessions", null,
          new SignInRequest("bob", Secret.fromText(TestRelay.PASSWORD)));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.error()).isEqualTo(ErrorCodes.BAD_CREDENTIALS);
    }
  }

  @Test
  void usersAddWithoutPasswordIsRefusedClearly() throws Exception {
    Path data = data();

    assertThat(run("users", "add", "carol", "--data", data.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("--password-file").contains("PRINTERLINK_RELAY_NEW_USER_PASSWORD");
  }

  /** H2 file mode: one process holds the file. The admin command is a second process, as in production. */
  @Test
  void adminCommandOnARunningRelaysDataRefusesWithAClearMessage() throws Exception {
    Path data = dir.resolve("live");
    try (TestRelay t = TestRelay.start(data)) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(), "users", "list", "--data", data.toString())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(p.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("relay: relay is running on").contains("stop it").doesNotContain("\tat ");
    }
  }

  @Test
  void adminCommandOnAFolderWithoutDatabaseSaysSo() {
    assertThat(run("users", "list", "--data", dir.resolve("nothing").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no relay database in");
    assertThat(dir.resolve("nothing")).doesNotExist();
  }

  @Test
  void usersAddOnANewServerMakesTheDatabaseButABadAddMakesNothing() throws Exception {
    Path fresh = dir.resolve("fresh");
    assertThat(run("users", "add", "no spaces allowed", "--password-file", passwordFile().toString(), "--data", fresh.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("invalid username");
    assertThat(fresh).doesNotExist();

    assertThat(run("users", "add", "erin", "--password-file", passwordFile().toString(), "--data", fresh.toString())).isZero();
    assertThat(err.toString()).contains("no relay database in " + fresh + " yet: creating one");
    assertThat(out.toString()).contains("(erin)");
    assertThat(run("users", "list", "--data", fresh.toString())).isZero();
    assertThat(out.toString()).contains("erin");
    assertThat(run("audit", "tail", "--data", fresh.toString())).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("relay: no audit entries yet");
  }

  @Test
  void aDisplayNameTheApiWouldRefuseIsRefusedBeforeAnythingIsMadeAndANewFolderIsOwnerOnly() throws Exception {
    Path fresh = dir.resolve("fresh2");
    assertThat(run("users", "add", "ivan", "--display-name", "Ivan\u202eevil", "--password-file", passwordFile().toString(),
        "--data", fresh.toString())).isEqualTo(1);
    assertThat(run("users", "add", "ivan", "--display-name", "x".repeat(101), "--password-file", passwordFile().toString(),
        "--data", fresh.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("invalid --display-name").doesNotContain("Value too long").doesNotContain("\tat ");
    assertThat(fresh).doesNotExist();

    assertThat(run("users", "add", "ivan", "--display-name", "Ivan", "--password-file", passwordFile().toString(),
        "--data", fresh.toString())).isZero();
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
  }

  @Test
  void printersListAndRevoke() throws Exception {
    Path data = data();
    run("users", "add", "dave", "--password-file", passwordFile().toString(), "--data", data.toString());
    try (TestRelay t = TestRelay.start(data); Connection c = t.db()) {
      c.createStatement().executeUpdate("INSERT INTO printers (id, account_id, name, model, token_hash, state, created_at) "
          + "SELECT 'prn_x', id, 'octopi', 'MK4', '" + "1".repeat(64) + "', 'ACTIVE', CURRENT_TIMESTAMP FROM accounts "
          + "WHERE username = 'dave'");
    }

    assertThat(run("printers", "list", "--data", data.toString())).isZero();
    assertThat(out.toString()).contains("prn_x").contains("dave").contains("ACTIVE");
    assertThat(run("printers", "revoke", "prn_x", "--data", data.toString())).isZero();
    run("printers", "list", "--data", data.toString());
    assertThat(out.toString()).contains("REVOKED");
    run("audit", "tail", "--data", data.toString());
    assertThat(out.toString()).contains("PRINTER_REVOKED").contains("by admin: prn_x");
    assertThat(run("printers", "revoke", "prn_x", "--data", data.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no active printer with id 'prn_x'");
  }

  @Test
  void auditTailShowsFailedSignIns() throws Exception {
    Path data = dir.resolve("audit");
    try (TestRelay t = TestRelay.start(data)) {
      t.call("POST", "/api/v1/sessions", null, new SignInRequest("nobody", Secret.fromText("wrong password!")));
    }

    assertThat(run("audit", "tail", "-n", "5", "--data", data.toString())).isZero();
    assertThat(out.toString()).contains("SIGN_IN_FAILED").contains("unknown username");
  }

  @Test
  void backupWritesAZipOfTheDatabase() throws Exception {
    Path data = data();
    Path zip = dir.resolve("backup.zip");

    assertThat(run("backup", "--to", zip.toString(), "--data", data.toString())).isZero();

    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.getEntry("relay.mv.db")).isNotNull();
    }
    assertThat(run("backup", "--to", zip.toString(), "--data", data.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("exists");
  }

  /** docs/operations.md's restore: unzip the backup into an empty data folder and start the relay on it. */
  @Test
  void backupRestoresIntoAFreshDataFolderWithItsAccounts() throws Exception {
    Path data = data();
    run("users", "add", "erin", "--password-file", passwordFile().toString(), "--data", data.toString());
    Path zip = dir.resolve("backups/relay.zip");
    assertThat(run("backup", "--to", zip.toString(), "--data", data.toString())).isZero();

    Path restored = Files.createDirectories(dir.resolve("restored"));
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (java.util.zip.ZipEntry e : java.util.Collections.list(z.entries())) {
        try (java.io.InputStream in = z.getInputStream(e)) {
          Files.copy(in, restored.resolve(e.getName()));
        }
      }
    }

    assertThat(run("users", "list", "--data", restored.toString())).isZero();
    assertThat(out.toString()).contains("erin").contains("active");
    try (TestRelay t = TestRelay.start(restored)) {
      assertThat(t.call("POST", "/api/v1/sessions", null,
          new SignInRequest("erin", Secret.fromText(TestRelay.PASSWORD))).status()).isEqualTo(201);
    }
  }

  @Test
  void backupThatCannotBeWrittenSaysWhy() throws Exception {
    Path data = data();
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    assertThat(run("backup", "--to", file.resolve("relay.zip").toString(), "--data", data.toString())).isEqualTo(1);

    String e = err.toString();
    assertThat(e).startsWith("relay: relay backup failed: backup to " + file.resolve("relay.zip") + " failed: ")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(e.strip().lines()).hasSize(1);
    assertThat(e.strip()).doesNotEndWith("failed");
  }

  @Test
  void configFileSuppliesFlagsAndEnvironmentOverridesIt() throws Exception {
    Path data = data();
    Path config = dir.resolve("relay.properties");
    Files.writeString(config, "data=" + dir.resolve("elsewhere") + "\n");

    assertThat(run("users", "list", "--config", config.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no relay database in " + dir.resolve("elsewhere"));

    assertThat(run(Map.of("PRINTERLINK_RELAY_DATA", data.toString()), "users", "list", "--config", config.toString()))
        .isZero();
    assertThat(run(Map.of("PRINTERLINK_RELAY_DATA", dir.resolve("env").toString()), "users", "list", "--config",
        config.toString(), "--data", data.toString())).isZero();
  }

  @Test
  void unknownConfigKeyIsRefused() throws Exception {
    Path config = dir.resolve("relay.properties");
    Files.writeString(config, "prot=8080\n");

    assertThat(run("serve", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown key 'prot'").contains("port");
  }

  @Test
  void missingConfigFileIsRefused() {
    assertThat(run("serve", "--config", dir.resolve("none.properties").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
  }

  @Test
  void badLogLevelIsRefusedBeforeStarting() {
    assertThat(run("serve", "--log-level", "LOUD", "--port", "0", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("log level must be one of");
  }

  @Test
  void keystoreWithoutPasswordIsRefused() throws Exception {
    Path ks = Files.writeString(dir.resolve("relay.p12"), "not really");

    assertThat(run("serve", "--tls-keystore", ks.toString(), "--port", "0", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-keystore-password-file").contains("PRINTERLINK_RELAY_TLS_KEYSTORE_PASSWORD");
  }

  @Test
  void jsonLogFormatWritesOneJsonObjectPerLine() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    PrintStream realOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LogSetup.apply(context, "INFO", "json");
      context.getLogger("io.printerlink.relay.test").info("link request {} {}", "lr_1", "LINKED");
      context.getLogger("io.printerlink.relay.test").debug("not at INFO");
    } finally {
      System.setOut(realOut);
      context.stop();
    }

    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(1);
    JsonObject event = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertThat(event.get("level").getAsString()).isEqualTo("INFO");
    assertThat(event.get("loggerName").getAsString()).isEqualTo("io.printerlink.relay.test");
    assertThat(event.get("formattedMessage").getAsString()).isEqualTo("link request lr_1 LINKED");
    assertThat(event.has("context")).isFalse();
  }
}
