package io.printerlink.security;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.net.AddressChooser.HostNetwork;
import io.printerlink.agent.net.AddressChooser.NetInterface;
import io.printerlink.agent.net.AddressChooser.Route;
import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.EventsListener;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real relay, agents fed a field case's interface table, and a signed-in client core watching
 * the discovery list live. Everything is stopped by {@link #close()}.
 */
final class FieldEnv implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);

  final RelayServer relay;
  final CoreClients clients;
  final LinkingCore core;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<PrinterAgent> agents = new ArrayList<>();
  private final BlockingQueue<DiscoveryResponse> lists = new LinkedBlockingQueue<>();
  private final EventsConnection events;
  private DiscoveryResponse last;

  FieldEnv(Path relayData) throws Exception {
    relay = RelayServer.start(RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(relayData)
        .allowLoopbackAgents(true).passwordIterations(1000).build());
    clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults());
    core = LinkingCore.create(clients, CoreConfig.defaults(), Clock.systemUTC(), System::nanoTime, new SecureRandom(),
        executor);
    core.signIn(new Credentials("field-user", Secret.fromText("correct horse battery"), true));
    events = core.watch(new EventsListener() {
      @Override
      public void onDiscovery(DiscoveryResponse discovery) {
        lists.add(discovery);
      }
    });
  }

  static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An interface that is up and carries the default route, with these addresses. */
  static AddressChooser lanOnly(String iface, String... addresses) {
    List<InetAddress> list = new ArrayList<>();
    for (String a : addresses) {
      list.add(ip(a));
    }
    HostNetwork net = new HostNetwork(List.of(new NetInterface(iface, true, false, false, false, list)),
        List.of(new Route(iface, true, 0)));
    return new AddressChooser(() -> net, false);
  }

  AgentConfig.Builder agentConfig(Path state) {
    return AgentConfig.builder().relayUri(relay.httpUri()).port(0).bindHost("127.0.0.1").stateDir(state)
        .heartbeat(Duration.ofMillis(500));
  }

  PrinterAgent start(AgentConfig config, AddressChooser chooser) throws Exception {
    PrinterAgent agent = PrinterAgent.start(config, chooser);
    agents.add(agent);
    return agent;
  }

  /** Waits for a live discovery list that satisfies {@code condition}. */
  DiscoveryResponse await(Predicate<DiscoveryResponse> condition) throws InterruptedException {
    if (last != null && condition.test(last)) {
      return last;
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
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

  @Override
  public void close() {
    try {
      events.close();
      for (PrinterAgent a : agents) {
        a.close();
      }
      clients.close();
      executor.shutdownNow();
    } finally {
      relay.close();
    }
  }
}
