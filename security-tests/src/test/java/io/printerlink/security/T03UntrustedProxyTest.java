package io.printerlink.security;

import static io.printerlink.security.RelayFixture.PROXY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.RelayConfig;
import io.printerlink.security.RelayFixture.Resp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T3: the relay sits behind a proxy that is <em>not</em> configured as trusted (the real incident),
 * so every user appears under the proxy's address.
 *
 * <p>Addresses: every socket, agents' and clients' alike, is bound to 127.0.0.3 (the proxy) and
 * carries the {@code X-Forwarded-For} that proxy would add for each user's real, distinct public
 * address (198.51.100.x); the relay trusts no proxy, so it keys them all as {@code 127.0.0.3}. The
 * alarm threshold is lowered to 3 so a handful of users cross it.
 */
class T03UntrustedProxyTest {
  static final int THRESHOLD = 3;

  @TempDir Path dir;
  RelayFixture f;
  int users;

  @BeforeEach
  void start() {
    f = RelayFixture.start(dir, b -> b.crowdedKeyThreshold(THRESHOLD));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String[] viaProxy() {
    return new String[] {"X-Forwarded-For", "198.51.100." + (++users)};
  }

  private RelayFixture.Socket agentViaProxy() throws Exception {
    return f.agent(PROXY, RelayFixture.newInstanceId(), viaProxy());
  }

  /** The alarm runs just after the relay answers an announce; the counter moves last. */
  private void awaitAlarm() {
    RelayFixture.await("the crowded-key alarm fired", () -> f.relay.defenceMetrics().crowdedKeyAlarms() > 0);
  }

  @Test
  void everyAgentAppearsUnderTheProxysAddress_T03() throws Exception {
    RelayFixture.Socket a = agentViaProxy();
    RelayFixture.Socket b = agentViaProxy();

    assertThat(a.seenFrom).isEqualTo(PROXY);
    assertThat(b.seenFrom).isEqualTo(PROXY);
  }

  @Test
  void oneVisibleRuleStillShowsNoPrinterToAnyone_T03() throws Exception {
    agentViaProxy();
    agentViaProxy();
    SessionResponse stranger = f.signUp(PROXY);

    DiscoveryResponse seen = f.discovery(PROXY, stranger, viaProxy());

    assertThat(seen.status()).isEqualTo(DiscoveryResponse.MULTIPLE);
    assertThat(seen.printers()).isEmpty();
  }

  @Test
  void strangerCannotLinkAnotherUsersPrinterBehindTheProxy_T03() throws Exception {
    String victimsId = RelayFixture.newInstanceId();
    RelayFixture.Socket victim = f.agent(PROXY, victimsId, viaProxy());
    agentViaProxy();
    SessionResponse stranger = f.signUp(PROXY);

    Resp r = f.call(PROXY, "POST", "/api/v1/link-requests", RelayFixture.token(stranger),
        f.linkRequest(stranger, victimsId, Secret.fromText("b".repeat(32))), viaProxy());

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).isEqualTo(ErrorCodes.MULTIPLE_IN_DISCOVERY);
    assertThat(victim.texts).as("no verify reached the victim's agent").isEmpty();
  }

  @Test
  void manyAgentsOnOneKeyLogAWarningNamingTheKeyAndTheCause_T03() throws Exception {
    for (int i = 0; i <= THRESHOLD; i++) {
      agentViaProxy();
    }
    awaitAlarm();

    List<String> warnings = f.logs.atLeast(Level.WARN, "network key " + PROXY + " carries");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("4 agents in discovery").contains("not configured as trusted")
        .contains("--trusted-proxy");
  }

  @Test
  void manyAgentsOnOneKeyMoveTheAlarmCounter_T03() throws Exception {
    for (int i = 0; i <= THRESHOLD; i++) {
      agentViaProxy();
    }
    awaitAlarm();

    assertThat(f.relay.defenceMetrics().crowdedKeyAlarms()).isEqualTo(1);
    assertThat(f.relay.defenceMetrics().largestKeyPopulation()).isEqualTo(THRESHOLD + 1);
    assertThat(f.count("SELECT COUNT(*) FROM audit_log WHERE event = 'CROWDED_NETWORK_KEY' AND network_key = ?", PROXY))
        .isEqualTo(1);
  }

  @Test
  void manyAccountsOnOneKeyRaiseTheAlarm_T03() throws Exception {
    for (int i = 0; i <= THRESHOLD; i++) {
      f.discovery(PROXY, f.signUp(PROXY), viaProxy());
    }

    assertThat(f.relay.defenceMetrics().crowdedKeyAlarms()).isEqualTo(1);
    assertThat(f.logs.atLeast(Level.WARN, "signed-in accounts")).singleElement().asString()
        .contains(PROXY).contains("not configured as trusted");
  }

  @Test
  void atTheThresholdThereIsNoAlarm_T03() throws Exception {
    for (int i = 0; i < THRESHOLD; i++) {
      agentViaProxy();
      f.discovery(PROXY, f.signUp(PROXY), viaProxy());
    }

    assertThat(f.relay.defenceMetrics().crowdedKeyAlarms()).isZero();
    assertThat(f.logs.atLeast(Level.WARN, "not configured as trusted")).isEmpty();
  }

  @Test
  void theAlarmFiresOncePerKeyPerWindowNotOnEveryRequest_T03() throws Exception {
    List<SessionResponse> accounts = new ArrayList<>();
    for (int i = 0; i < THRESHOLD + 3; i++) {
      accounts.add(f.signUp(PROXY));
    }
    for (SessionResponse s : accounts) {
      f.discovery(PROXY, s, viaProxy());
      f.discovery(PROXY, s, viaProxy());
    }

    assertThat(f.relay.defenceMetrics().crowdedKeyAlarms()).isEqualTo(1);
    assertThat(f.relay.defenceMetrics().largestKeyPopulation()).isEqualTo(THRESHOLD + 3);
  }

  @Test
  void defaultThresholdIsTwentyWithinTenMinutes_T03() {
    RelayConfig c = RelayConfig.builder().build();

    assertThat(c.crowdedKeyThreshold()).isEqualTo(20);
    assertThat(c.crowdedKeyWindow()).hasMinutes(10);
  }
}
