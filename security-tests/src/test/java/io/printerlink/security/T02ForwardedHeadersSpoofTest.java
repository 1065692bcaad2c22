package io.printerlink.security;

import static io.printerlink.security.RelayFixture.HOME;
import static io.printerlink.security.RelayFixture.OUTSIDER;
import static io.printerlink.security.RelayFixture.PROXY;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.security.RelayFixture.Resp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T2: an outsider sends {@code X-Forwarded-For} / {@code Forwarded} claiming the victim's address.
 *
 * <p>Addresses: the victim's printer (a scripted agent) connects from 127.0.0.1, so its network key
 * is {@code 127.0.0.1}; the outsider's sockets are bound to 127.0.0.2 (another key); the relay
 * trusts only 127.0.0.3/32 as a proxy, and "requests through the proxy" are sockets bound to
 * 127.0.0.3 carrying the headers that proxy would add.
 */
class T02ForwardedHeadersSpoofTest {
  @TempDir Path dir;
  RelayFixture f;
  RelayFixture.Socket victimAgent;
  String instanceId;

  @BeforeEach
  void start() throws Exception {
    f = RelayFixture.start(dir, b -> b.trustedProxies(List.of(PROXY + "/32")));
    instanceId = RelayFixture.newInstanceId();
    victimAgent = f.agent(HOME, instanceId);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void outsiderClaimingTheVictimsAddressInXForwardedForSeesNothing_T02() throws Exception {
    SessionResponse outsider = f.signUp(OUTSIDER);

    DiscoveryResponse seen = f.discovery(OUTSIDER, outsider, "X-Forwarded-For", HOME);

    assertThat(seen.printers()).isEmpty();
    assertThat(seen.seenFrom()).isEqualTo(OUTSIDER);
  }

  @Test
  void outsiderClaimingTheVictimsAddressInForwardedSeesNothing_T02() throws Exception {
    SessionResponse outsider = f.signUp(OUTSIDER);

    DiscoveryResponse seen = f.discovery(OUTSIDER, outsider, "Forwarded", "for=" + HOME);

    assertThat(seen.printers()).isEmpty();
    assertThat(seen.seenFrom()).isEqualTo(OUTSIDER);
  }

  @Test
  void spoofedLinkRequestIsNotInDiscoveryAndReachesNoAgent_T02() throws Exception {
    SessionResponse outsider = f.signUp(OUTSIDER);

    Resp r = f.call(OUTSIDER, "POST", "/api/v1/link-requests", RelayFixture.token(outsider),
        f.linkRequest(outsider, instanceId, Secret.fromText("a".repeat(32))),
        "X-Forwarded-For", HOME, "Forwarded", "for=" + HOME);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);
    assertThat(f.count("SELECT COUNT(*) FROM link_requests")).isZero();
    assertThat(victimAgent.texts).as("nothing was sent to the victim's agent").isEmpty();
  }

  @Test
  void agentUpgradeWithForwardedForIsKeyedByItsTcpPeer_T02() throws Exception {
    RelayFixture.Socket outsiderAgent = f.agent(OUTSIDER, RelayFixture.newInstanceId(), "X-Forwarded-For", HOME);

    assertThat(outsiderAgent.seenFrom).isEqualTo(OUTSIDER);
    SessionResponse victim = f.signUp(HOME);
    assertThat(f.discovery(HOME, victim).printers()).extracting(p -> p.instanceId()).containsExactly(instanceId);
  }

  @Test
  void eventsSocketWithForwardedForGetsTheOutsidersOwnList_T02() throws Exception {
    SessionResponse outsider = f.signUp(OUTSIDER);

    RelayFixture.Socket events = f.connect(OUTSIDER, "/client/v1/events", RelayFixture.token(outsider),
        "X-Forwarded-For", HOME);
    DiscoveryResponse first = events.nextOf(io.printerlink.protocol.ws.Messages.RELAY_TO_CLIENT,
        io.printerlink.protocol.ws.Messages.DISCOVERY, DiscoveryResponse.class);

    assertThat(first.printers()).isEmpty();
    assertThat(first.seenFrom()).isEqualTo(OUTSIDER);
  }

  @Test
  void headersAreIgnoredWhenNoProxyIsTrustedAtAll_T02() throws Exception {
    f.close();
    f = RelayFixture.start(dir.resolve("default"));
    f.agent(HOME, RelayFixture.newInstanceId());
    SessionResponse outsider = f.signUp(OUTSIDER);

    DiscoveryResponse seen = f.discovery(OUTSIDER, outsider, "X-Forwarded-For", HOME, "Forwarded", "for=" + HOME);

    assertThat(seen.printers()).isEmpty();
    assertThat(seen.seenFrom()).isEqualTo(OUTSIDER);
  }

  @Test
  void forgedHopLeftOfWhatTheTrustedProxyAppendedIsIgnored_T02() throws Exception {
    SessionResponse outsider = f.signUp(OUTSIDER);

    // The outsider sent "X-Forwarded-For: 127.0.0.1"; the proxy appended the address it saw.
    DiscoveryResponse seen = f.discovery(PROXY, outsider, "X-Forwarded-For", HOME + ", 198.51.100.7");

    assertThat(seen.printers()).isEmpty();
    assertThat(seen.seenFrom()).isEqualTo("198.51.100.7");
  }

  @Test
  void trustedProxyPresentsTheRealClient_T02() throws Exception {
    SessionResponse victim = f.signUp(HOME);

    DiscoveryResponse seen = f.discovery(PROXY, victim, "Forwarded", "for=" + HOME + ";proto=https");

    assertThat(seen.seenFrom()).isEqualTo(HOME);
    assertThat(seen.printers()).extracting(p -> p.instanceId()).containsExactly(instanceId);
  }

  @Test
  void malformedChainFromTheTrustedProxyFailsClosed_T02() throws Exception {
    SessionResponse victim = f.signUp(HOME);

    Resp r = f.call(PROXY, "GET", "/api/v1/discovery", RelayFixture.token(victim), null,
        "X-Forwarded-For", HOME + ", victim.example");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
    assertThat(f.relay.defenceMetrics().forwardedHeadersRejected()).isEqualTo(1);
  }

  @Test
  void unknownHopBeforeAnyUntrustedAddressFailsClosed_T02() throws Exception {
    SessionResponse victim = f.signUp(HOME);

    Resp r = f.call(PROXY, "GET", "/api/v1/discovery", RelayFixture.token(victim), null, "Forwarded", "for=unknown");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void forwardedAndXForwardedForNamingDifferentClientsFailClosed_T02() throws Exception {
    SessionResponse victim = f.signUp(HOME);

    Resp r = f.call(PROXY, "GET", "/api/v1/discovery", RelayFixture.token(victim), null,
        "Forwarded", "for=" + HOME, "X-Forwarded-For", "198.51.100.7");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void malformedChainOnAWebSocketUpgradeIsRefusedBeforeTheUpgrade_T02() throws Exception {
    assertThat(f.upgradeStatus(PROXY, "/agent/v1/discovery", null, "Forwarded", "for=\"[2001:db8::1"))
        .hasValue(400);
  }
}
