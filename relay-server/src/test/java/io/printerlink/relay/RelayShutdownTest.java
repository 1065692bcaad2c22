package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.Verify;
import io.printerlink.relay.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM of {@code relay serve} while a link request is in flight: the graceful stop (grace,
 * then timers, then the database) runs to its end without H2's own exit hook closing the
 * database under it, which logged "link code sweep failed ... Database is already closed" with
 * long stack traces and left a relay.trace.db behind.
 */
class RelayShutdownTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path data;
  private RelayProcess relay;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final WebSocketClient ws = new WebSocketClient();

  @AfterEach
  void stop() throws Exception {
    ws.stop();
    if (relay != null) {
      relay.close();
    }
  }

  /** Starts a relay process with a link request DELIVERED to an agent that never answers; returns the account. */
  private SessionResponse linkInFlight() throws Exception {
    relay = RelayProcess.start(data, "--allow-loopback-agents", "--shutdown-grace", "3");
    SessionResponse user = Json.parse(post("/api/v1/accounts", null,
        Json.write(new CreateAccountRequest("busy", Secret.fromText(TestRelay.PASSWORD), "Busy"))).body(),
        SessionResponse.class);
    String token = user.token().text(SecretAccess.REVEAL);
    assertThat(post("/api/v1/link-codes", token, "{}").statusCode()).isEqualTo(201);

    ws.start();
    TestRelay.Socket agent = new TestRelay.Socket();
    ws.connect(agent, URI.create(relay.base.toString().replaceFirst("^http", "ws")).resolve("/agent/v1/discovery"))
        .get(TestRelay.WAIT_SECONDS, TimeUnit.SECONDS);
    String instanceId = TestRelay.newInstanceId();
    agent.send(Messages.ANNOUNCE, TestRelay.announce(instanceId, null));
    assertThat(agent.next(Messages.RELAY_TO_AGENT).type()).isEqualTo(Messages.ANNOUNCED);
    String nonce = Secrets.newNonce(RANDOM, Limits.NONCE_BYTES);
    LinkRequestCreate create = new LinkRequestCreate(instanceId, nonce,
        Proof.compute(Secrets.newLocalSecret(RANDOM), instanceId, user.accountId(), nonce));
    HttpResponse<String> created = post("/api/v1/link-requests", token, Json.write(create));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    agent.nextOf(Messages.RELAY_TO_AGENT, Messages.VERIFY, Verify.class); // and never answered: in flight
    return user;
  }

  @Test
  void sigtermWithALinkInFlightStopsCleanlyWithoutErrorsOrATraceFile() throws Exception {
    linkInFlight();

    relay.process.toHandle().destroy(); // SIGTERM
    List<String> output = relay.awaitExit(60);

    assertThat(output).as(String.join("\n", output))
        .noneMatch(l -> l.contains("ERROR"))
        .noneMatch(l -> l.startsWith("\tat "))
        .anyMatch(l -> l.contains("shutdown: 1 link requests still in flight were failed"))
        .anyMatch(l -> l.contains("relay stopped"))
        .anyMatch(l -> l.matches(".* - agent socket#\\d+ announced an instance id on network key .*"))
        .noneMatch(l -> l.contains("agent agent"));
    assertThat(relay.process.exitValue()).isEqualTo(RelayMain.SIGTERM_EXIT);
    assertThat(data.resolve("relay.trace.db")).doesNotExist();
    try (Connection c = DriverManager.getConnection(Database.fileUrl(data), "relay", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT state FROM link_requests")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).as("failed by the graceful stop, not left for start-up recovery").isEqualTo("FAILED");
    }
    assertThat(Files.list(data).map(p -> p.getFileName().toString())).doesNotContain("relay.trace.db");
  }

  @Test
  void aLinkRequestLeftDeliveredByASigkillIsFailedAndAuditedAtTheNextStart() throws Exception {
    SessionResponse user = linkInFlight();
    relay.process.destroyForcibly(); // SIGKILL: no graceful stop
    assertThat(relay.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    RelayServer.start(RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(data).build()).close();
    try (Connection c = DriverManager.getConnection(Database.fileUrl(data), "relay", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT r.id, r.state, a.account_id, a.network_key, a.detail "
            + "FROM link_requests r LEFT JOIN audit_log a ON a.event = 'LINK_OUTCOME' AND a.detail LIKE '%' || r.id || '%'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("FAILED");
      assertThat(rs.getString(5)).as("audited like every other link outcome")
          .isEqualTo("FAILED " + rs.getString(1) + ": relay restarted");
      assertThat(rs.getString(3)).isEqualTo(user.accountId());
      assertThat(rs.getString(4)).isNull();
      assertThat(rs.next()).as("one request, one outcome").isFalse();
    }
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(relay.base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
