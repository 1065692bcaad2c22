package io.printerlink.agent.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.window.CloseReason;
import io.printerlink.agent.window.DiscoveryWindow;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LAN exchange endpoint over real HTTP on 127.0.0.1. */
class ExchangeHandlerTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicReference<DiscoveryWindow> window = new AtomicReference<>(
      DiscoveryWindow.open(new SecureRandom(), nanos::get, Duration.ofMinutes(10), 10, (w, r) -> {}));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Server server;
  private URI base;

  private void start(PeerPolicy policy) throws Exception {
    server = ExchangeServer.create("127.0.0.1", 0, Duration.ofSeconds(5),
        new ExchangeHandler(() -> Optional.ofNullable(window.get()), policy));
    server.start();
    base = URI.create("http://127.0.0.1:" + ExchangeServer.localPort(server));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> exchange(String instanceId, String... headers) throws Exception {
    return post(ExchangeHandler.PATH, "{\"instanceId\":\"" + instanceId + "\"}", headers);
  }

  @Test
  void goodExchangeReturnsTheSecretWithNoStore() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    HttpResponse<String> r = exchange(window.get().instanceId());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(r.body()).matches("^\\{\"localSecret\":\"[A-Za-z0-9]{32}\"}$");
  }

  @Test
  void wrongInstanceIdIsBare403AndCounted_T06() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    HttpResponse<String> r = exchange("00000000-0000-4000-8000-000000000000");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(window.get().failures()).isEqualTo(1);
  }

  @Test
  void tenthFailureClosesTheWindowSoEvenTheRightIdGets403_T06() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    for (int i = 0; i < 10; i++) {
      assertThat(exchange("guess-" + i).statusCode()).isEqualTo(403);
    }
    assertThat(window.get().closeReason()).contains(CloseReason.TOO_MANY_FAILURES);
    HttpResponse<String> r = exchange(window.get().instanceId());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void nonLanPeerGetsBare403EvenWithTheRightId_T04() throws Exception {
    start(peer -> false);
    HttpResponse<String> r = exchange(window.get().instanceId());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(window.get().failures()).isZero();
  }

  @Test
  void forwardedForHeaderChangesNothing_T05() throws Exception {
    List<InetAddress> judged = new CopyOnWriteArrayList<>();
    start(peer -> {
      judged.add(peer);
      return false;
    });
    HttpResponse<String> r = exchange(window.get().instanceId(),
        "X-Forwarded-For", "192.168.1.10", "Forwarded", "for=192.168.1.10", "X-Real-IP", "192.168.1.10");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(judged).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
  }

  @Test
  void closedWindowGetsBare403() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    window.get().close(CloseReason.ENDED);
    assertThat(exchange(window.get().instanceId()).statusCode()).isEqualTo(403);
  }

  @Test
  void expiredWindowGetsBare403_T11() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    nanos.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(exchange(window.get().instanceId()).statusCode()).isEqualTo(403);
  }

  @Test
  void noWindowGetsBare403() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    String id = window.get().instanceId();
    window.set(null);
    assertThat(exchange(id).statusCode()).isEqualTo(403);
  }

  @Test
  void malformedJsonIsBare403AndCounted() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    HttpResponse<String> r = post(ExchangeHandler.PATH, "{\"instanceId\":");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(window.get().failures()).isEqualTo(1);
  }

  @Test
  void unknownFieldIsBare403AndCounted_T14() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    HttpResponse<String> r =
        post(ExchangeHandler.PATH, "{\"instanceId\":\"" + window.get().instanceId() + "\",\"x\":1}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(window.get().failures()).isEqualTo(1);
  }

  @Test
  void bodyOver16KiBIsBare403AndCounted_T14() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    HttpResponse<String> r = post(ExchangeHandler.PATH, "{\"instanceId\":\"" + "a".repeat(17 * 1024) + "\"}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(window.get().failures()).isEqualTo(1);
  }

  @Test
  void otherPathIsBare404() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    HttpResponse<String> r = post("/discovery/v1/other", "{}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void getOnTheExchangePathIsBare404() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(base.resolve(ExchangeHandler.PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(window.get().failures()).isZero();
  }

  @Test
  void noServerVersionHeader() throws Exception {
    start(PeerPolicy.LAN_ONLY);
    assertThat(exchange(window.get().instanceId()).headers().firstValue("Server")).isEmpty();
  }
}
