package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay killed with SIGKILL (crash, OOM killer, power cut of the process) keeps every
 * transaction it reported as done: H2's default lets committed changes sit in memory for up to a
 * second, so a kill right after a code redemption forgot it (the code was live again, the
 * printer row and the audit rows gone) while the agent already held its token. The relay runs as
 * its own process from its real command line.
 */
class CrashDurabilityTest {
  @TempDir Path data;
  private RelayProcess relay;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws Exception {
    if (relay != null) {
      relay.close();
    }
  }

  private HttpResponse<String> post(URI base, String path, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String redeemBody(String code) {
    return Json.write(LinkCodeTest.request(1, code));
  }

  @Test
  void aRedemptionAnsweredBeforeASigkillIsStillThereAfterIt() throws Exception {
    relay = RelayProcess.start(data);
    URI base = relay.base;
    SessionResponse user = Json.parse(post(base, "/api/v1/accounts", null,
        Json.write(new CreateAccountRequest("crash", Secret.fromText("correct horse battery"), "Crash"))).body(),
        SessionResponse.class);
    String code = Json.parse(post(base, "/api/v1/link-codes", user.token().text(SecretAccess.REVEAL), "{}").body(),
        LinkCodeResponse.class).code();
    String wrong = code.equals("000000") ? "000001" : "000000";
    assertThat(post(base, "/api/v1/agent/link-code", null, redeemBody(wrong)).statusCode()).isEqualTo(404);

    HttpResponse<String> redeemed = post(base, "/api/v1/agent/link-code", null, redeemBody(code));
    assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
    relay.process.destroyForcibly();
    assertThat(relay.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (Connection c = DriverManager.getConnection(Database.fileUrl(data), "relay", "")) {
      assertThat(query(c, "SELECT state FROM link_codes WHERE code = ?", code)).as("the code stays spent")
          .isEqualTo("REDEEMED");
      assertThat(query(c, "SELECT COUNT(*) FROM audit_log WHERE event = 'LINK_CODE_REFUSED' AND detail = ?",
          ErrorCodes.CODE_NOT_FOUND)).as("the refused guess stays audited").isEqualTo("1");
      assertThat(query(c, "SELECT COUNT(*) FROM printers WHERE state = 'PENDING'")).isEqualTo("1");
    }
    try (RelayServer again = RelayServer.start(RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(data).build())) {
      HttpResponse<String> reuse = post(again.httpUri(), "/api/v1/agent/link-code", null, redeemBody(code));
      assertThat(reuse.body()).contains(ErrorCodes.CODE_ALREADY_USED);
    }
    try (Connection c = DriverManager.getConnection(Database.fileUrl(data), "relay", "")) {
      String codeId = query(c, "SELECT id FROM link_codes WHERE code = ?", code);
      assertThat(query(c, "SELECT account_id FROM audit_log WHERE event = 'LINK_OUTCOME' AND detail = ?",
          "FAILED " + codeId + ": relay restarted")).as("start-up recovery audits the code it failed")
          .isEqualTo(user.accountId());
    }
  }

  private static String query(Connection c, String sql, String... params) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
