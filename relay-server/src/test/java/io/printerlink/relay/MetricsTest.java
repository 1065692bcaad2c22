package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.AgentLinkCodeRequest;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterToken;
import io.printerlink.protocol.ws.Verify;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: Prometheus text that moves with what the relay does. */
class MetricsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  TestRelay t;

  @BeforeEach
  void start() throws Exception {
    t = TestRelay.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  @Test
  void metricsArePrometheusTextWithoutAuthentication() throws Exception {
    assertThat(t.call("GET", "/healthz", null, null).status()).isEqualTo(200);

    TestRelay.Resp r = t.call("GET", "/metrics", null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(r.body()).contains("# TYPE printerlink_http_request_duration_seconds histogram",
        "printerlink_http_request_duration_seconds_bucket{method=\"GET\",status=\"2xx\",le=\"0.005\"}",
        "printerlink_discovering_agents 0.0", "printerlink_online_printers 0.0");
  }

  /** A counter series that first appears at 1 hides that first event from rate()/increase(). */
  @Test
  void everyOutcomeIsExportedAtZeroBeforeItHappens() throws Exception {
    String fresh = t.call("GET", "/metrics", null, null).body();

    for (String outcome : new String[] {"LINKED", "REJECTED", "EXPIRED", "FAILED"}) {
      assertThat(fresh).contains("printerlink_link_requests_total{outcome=\"" + outcome + "\"} 0.0");
    }
    for (String outcome : new String[] {"REDEEMED", "CODE_NOT_FOUND", "CODE_EXPIRED", "CODE_ALREADY_USED",
        "RATE_LIMITED", "BAD_REQUEST"}) {
      assertThat(fresh).contains("printerlink_code_redemptions_total{outcome=\"" + outcome + "\"} 0.0");
    }
  }

  @Test
  void linkAndFailedLinkMoveTheirCounters() throws Exception {
    String before = t.call("GET", "/metrics", null, null).body();
    assertThat(value(before, "printerlink_link_requests_total{outcome=\"LINKED\"}")).isZero();
    assertThat(value(before, "printerlink_link_requests_total{outcome=\"REJECTED\"}")).isZero();

    SessionResponse user = t.signUp();
    TestRelay.Socket events = t.connect("/client/v1/events", TestRelay.token(user));
    events.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class);

    // A link that succeeds: verify, verified, token, token-stored.
    String first = TestRelay.newInstanceId();
    TestRelay.Socket agent = t.agent(first);
    assertThat(value(t.call("GET", "/metrics", null, null).body(), "printerlink_discovering_agents")).isEqualTo(1);
    Verify v = request(user, first, Secrets.newLocalSecret(RANDOM), agent);
    agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);
    agent.send(Messages.TOKEN_STORED, new LinkRequestRef(v.linkRequestId()));
    awaitEnd(events, LinkState.LINKED);

    // A link the printer refuses (wrong proof): REJECTED.
    String second = TestRelay.newInstanceId();
    TestRelay.Socket other = t.agent(second);
    Verify w = request(user, second, Secrets.newLocalSecret(RANDOM), other);
    other.send(Messages.REJECTED, new LinkRequestRef(w.linkRequestId()));
    awaitEnd(events, LinkState.REJECTED);

    String after = t.call("GET", "/metrics", null, null).body();
    assertThat(value(after, "printerlink_link_requests_total{outcome=\"LINKED\"}")).isEqualTo(1);
    assertThat(value(after, "printerlink_link_requests_total{outcome=\"REJECTED\"}")).isEqualTo(1);
    assertThat(value(after, "printerlink_http_request_duration_seconds_count{method=\"POST\",status=\"2xx\"}"))
        .isGreaterThanOrEqualTo(3); // sign-up and two link requests
  }

  @Test
  void wrongCodeRedemptionMovesTheCodeCounter() throws Exception {
    TestRelay.Resp r = t.call("POST", "/api/v1/agent/link-code", null,
        new AgentLinkCodeRequest(1, "000000", "octopi", "printer-agent", "0.1.0", "MK4"));
    assertThat(r.status()).isEqualTo(404);

    String after = t.call("GET", "/metrics", null, null).body();
    assertThat(value(after, "printerlink_code_redemptions_total{outcome=\"CODE_NOT_FOUND\"}")).isEqualTo(1);
    assertThat(after).contains("printerlink_rate_limit_rejections_total 0.0", "printerlink_anomaly_alarms_total 0.0");
  }

  private Verify request(SessionResponse user, String instanceId, Secret secret, TestRelay.Socket agent) throws Exception {
    String nonce = Secrets.newNonce(RANDOM, Limits.NONCE_BYTES);
    LinkRequestCreate req = new LinkRequestCreate(instanceId, nonce,
        Proof.compute(secret, instanceId, user.accountId(), nonce));
    assertThat(t.call("POST", "/api/v1/link-requests", TestRelay.token(user), req).status()).isEqualTo(202);
    return agent.nextOf(Messages.RELAY_TO_AGENT, Messages.VERIFY, Verify.class);
  }

  private static void awaitEnd(TestRelay.Socket events, LinkState end) throws Exception {
    LinkRequestView view;
    do {
      view = events.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_STATE, LinkRequestView.class);
    } while (!view.linkState().isFinal());
    assertThat(view.linkState()).isEqualTo(end);
  }

  /** The value of one sample line, or 0 when the series has not appeared yet. */
  static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
