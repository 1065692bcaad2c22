package io.printerlink.agent.cases;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.net.AddressChooser.HostNetwork;
import io.printerlink.agent.net.AddressChooser.NetInterface;
import io.printerlink.agent.net.AddressChooser.Route;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Shared pieces of the field-case tests: interface tables, a real relay, a watching client. */
final class CaseEnv {
  static final Duration WAIT = Duration.ofSeconds(15);

  private CaseEnv() {}

  static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static NetInterface up(String name, String... addresses) {
    List<InetAddress> list = new ArrayList<>();
    for (String a : addresses) {
      list.add(ip(a));
    }
    return new NetInterface(name, true, name.equals("lo"), false, false, list);
  }

  static NetInterface tunnel(String name, String... addresses) {
    NetInterface n = up(name, addresses);
    return new NetInterface(n.name(), true, false, false, true, n.addresses());
  }

  static Route defaultVia(String iface) {
    return new Route(iface, true, 0);
  }

  static Route net(String iface) {
    return new Route(iface, false, 0);
  }

  static AddressChooser chooser(List<NetInterface> interfaces, List<Route> routes) {
    HostNetwork net = new HostNetwork(interfaces, routes);
    return new AddressChooser(() -> net, false);
  }

  static RelayServer relay(Path dataDir) {
    return RelayServer.start(RelayConfig.builder().port(0).dataDir(dataDir).passwordIterations(1000).build());
  }

  /** Creates an account and returns its session token. */
  static String signUp(RelayServer relay, String username) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(relay.httpUri().resolve("/api/v1/accounts"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                Json.write(new CreateAccountRequest(username, Secret.fromText("correct horse battery"), "Ada"))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new AssertionError("sign-up failed: " + r.statusCode() + " " + r.body());
    }
    return Json.parse(r.body(), SessionResponse.class).token().text(SecretAccess.REVEAL);
  }

  static AgentStatus await(PrinterAgent agent, Predicate<AgentStatus> condition) throws Exception {
    CompletableFuture<AgentStatus> hit = new CompletableFuture<>();
    Consumer<AgentStatus> listener = s -> {
      if (condition.test(s)) {
        hit.complete(s);
      }
    };
    agent.addListener(listener);
    try {
      AgentStatus now = agent.status();
      if (condition.test(now)) {
        return now;
      }
      return hit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("status condition not met within " + WAIT.toSeconds() + " s; last " + agent.status());
    } finally {
      agent.removeListener(listener);
    }
  }

  /** A signed-in client watching the discovery list live on {@code /client/v1/events}. */
  static final class Watcher implements AutoCloseable {
    private final WebSocketClient ws = new WebSocketClient();
    private final BlockingQueue<DiscoveryResponse> lists = new LinkedBlockingQueue<>();
    private DiscoveryResponse last;

    Watcher(RelayServer relay, String sessionToken) throws Exception {
      ws.start();
      ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
      upgrade.setHeader("Authorization", "Bearer " + sessionToken);
      ws.connect(new Endpoint(lists), URI.create(relay.wsUri() + "/client/v1/events"), upgrade)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for a discovery list that satisfies {@code condition}; the last one seen otherwise fails. */
    DiscoveryResponse await(Predicate<DiscoveryResponse> condition) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      if (last != null && condition.test(last)) {
        return last;
      }
      while (true) {
        long left = deadline - System.nanoTime();
        DiscoveryResponse next = left <= 0 ? null : lists.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          throw new AssertionError("no matching discovery list within " + WAIT.toSeconds() + " s; last " + last);
        }
        last = next;
        if (condition.test(next)) {
          return next;
        }
      }
    }

    /** Every list received so far and not yet awaited. */
    List<DiscoveryResponse> drain() {
      List<DiscoveryResponse> out = new ArrayList<>();
      lists.drainTo(out);
      return out;
    }

    @Override
    public void close() throws Exception {
      ws.stop();
    }
  }

  /** The events socket endpoint; public because Jetty requires it. */
  public static final class Endpoint extends Session.Listener.AbstractAutoDemanding {
    private final BlockingQueue<DiscoveryResponse> lists;

    Endpoint(BlockingQueue<DiscoveryResponse> lists) {
      this.lists = lists;
    }

    @Override
    public void onWebSocketText(String text) {
      try {
        Message m = Json.parseMessage(text, Messages.RELAY_TO_CLIENT);
        if (Messages.DISCOVERY.equals(m.type())) {
          lists.add(m.as(DiscoveryResponse.class));
        }
      } catch (io.printerlink.protocol.JsonInputException e) {
        throw new AssertionError("relay sent an unreadable event: " + e.getMessage());
      }
    }

    @Override
    public void onWebSocketError(Throwable cause) {}
  }
}
