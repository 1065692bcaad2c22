package io.printerlink.security;

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
 * C-08: IPv6 versus IPv4 network keys. Loopback cannot give public IPv6 peers, so every socket is
 * bound to 127.0.0.3, which the relay trusts as its proxy, and carries the {@code X-Forwarded-For}
 * or {@code Forwarded} header that proxy would add for the user's public address; the relay's
 * trusted-proxy resolution then sees exactly those addresses.
 */
class C08Ipv6NetworkKeyTest {
  @TempDir Path dir;
  RelayFixture f;
  SessionResponse user;

  @BeforeEach
  void start() throws Exception {
    f = RelayFixture.start(dir, b -> b.trustedProxies(List.of(PROXY + "/32")));
    user = f.signUp(PROXY);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String agentFrom(String publicAddress) throws Exception {
    String id = RelayFixture.newInstanceId();
    RelayFixture.Socket agent = f.agent(PROXY, id, "X-Forwarded-For", publicAddress);
    assertThat(agent.seenFrom).isNotNull();
    return agent.seenFrom;
  }

  private DiscoveryResponse clientFrom(String publicAddress) throws Exception {
    return f.discovery(PROXY, user, "X-Forwarded-For", publicAddress);
  }

  @Test
  void ipv6AgentIsKeyedByItsSlash64_C08() throws Exception {
    assertThat(agentFrom("2001:db8:12:34::10")).isEqualTo("2001:db8:12:34::/64");
  }

  @Test
  void clientInTheSameSlash64SeesTheAgent_C08() throws Exception {
    agentFrom("2001:db8:12:34::10");

    DiscoveryResponse seen = clientFrom("2001:db8:12:34::abcd");

    assertThat(seen.seenFrom()).isEqualTo("2001:db8:12:34::/64");
    assertThat(seen.printers()).hasSize(1);
  }

  @Test
  void clientInTheNextSlash64SeesNothing_C08() throws Exception {
    agentFrom("2001:db8:12:34::10");

    DiscoveryResponse seen = clientFrom("2001:db8:12:35::1");

    assertThat(seen.seenFrom()).isEqualTo("2001:db8:12:35::/64");
    assertThat(seen.printers()).isEmpty();
  }

  @Test
  void clientInTheNextSlash64CannotLink_C08() throws Exception {
    String id = RelayFixture.newInstanceId();
    f.agent(PROXY, id, "X-Forwarded-For", "2001:db8:12:34::10");

    Resp r = f.call(PROXY, "POST", "/api/v1/link-requests", RelayFixture.token(user),
        f.linkRequest(user, id, Secret.fromText("c".repeat(32))), "X-Forwarded-For", "2001:db8:12:35::1");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);
  }

  @Test
  void bracketedIpv6WithAPortInForwardedIsTheSameKey_C08() throws Exception {
    agentFrom("2001:db8:12:34::10");

    DiscoveryResponse seen = f.discovery(PROXY, user, "Forwarded", "for=\"[2001:db8:12:34::abcd]:4711\"");

    assertThat(seen.printers()).hasSize(1);
  }

  @Test
  void ipv4MappedIpv6IsTheSameKeyAsTheIpv4Address_C08() throws Exception {
    assertThat(agentFrom("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");

    DiscoveryResponse seen = clientFrom("203.0.113.7");

    assertThat(seen.printers()).hasSize(1);
  }

  @Test
  void ipv4AgentAndIpv6ClientDoNotMatch_C08() throws Exception {
    agentFrom("203.0.113.7");

    DiscoveryResponse seen = clientFrom("2001:db8:12:34::abcd");

    assertThat(seen.printers()).isEmpty();
  }
}
