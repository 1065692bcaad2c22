package io.printerlink.security;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.ws.Messages;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A raw {@code /client/v1/events} socket that keeps every message the relay pushes, for tests
 * that need to see exactly what one account (possibly bound to another address) is told.
 * Public: Jetty requires endpoint classes to be public.
 */
public final class EventsProbe extends Session.Listener.AbstractAutoDemanding implements AutoCloseable {
  /** Marks the socket's end in the queue. */
  static final Message CLOSED = new Message("closed", null);

  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final List<Message> seen = new ArrayList<>();

  /** A probe not yet connected (any socket can use it to collect text frames). */
  EventsProbe() {}

  static EventsProbe connect(WebSocketClient ws, URI relayHttp, AttackFixture.Account account) throws Exception {
    EventsProbe probe = new EventsProbe();
    ClientUpgradeRequest req = new ClientUpgradeRequest();
    req.setHeader("Authorization", "Bearer " + account.token().text(SecretAccess.REVEAL));
    URI uri = URI.create("ws://" + relayHttp.getRawAuthority() + "/client/v1/events");
    ws.connect(probe, uri, req).get(AttackFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
    return probe;
  }

  @Override
  public void onWebSocketText(String text) {
    try {
      messages.add(Json.parseMessage(text, Messages.RELAY_TO_CLIENT));
    } catch (JsonInputException e) {
      messages.add(new Message("unreadable", null));
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    callback.succeed();
    messages.add(CLOSED);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    messages.add(CLOSED);
  }

  /** The next message matching {@code match} within {@code wait}; fails otherwise. */
  synchronized Message await(String what, Duration wait, Predicate<Message> match) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Message m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
      if (m == null) {
        throw new AssertionError("no " + what + " within " + wait.toSeconds() + " s; seen " + types(seen));
      }
      seen.add(m);
      if (match.test(m)) {
        return m;
      }
    }
  }

  /** The next {@code link-state} for {@code linkRequestId} whose state passes {@code match}. */
  LinkRequestView awaitLinkState(String linkRequestId, Duration wait, Predicate<LinkRequestView> match)
      throws InterruptedException {
    Message m = await("link-state of " + linkRequestId, wait, x -> Messages.LINK_STATE.equals(x.type())
        && x.as(LinkRequestView.class).id().equals(linkRequestId) && match.test(x.as(LinkRequestView.class)));
    return m.as(LinkRequestView.class);
  }

  /** The first {@code discovery} push (the relay sends one on connect). */
  DiscoveryResponse awaitDiscovery() throws InterruptedException {
    return await("discovery", AttackFixture.WAIT, x -> Messages.DISCOVERY.equals(x.type())).as(DiscoveryResponse.class);
  }

  /** Everything received so far and still queued, without waiting. */
  synchronized List<Message> drain() {
    messages.drainTo(seen);
    return new ArrayList<>(seen);
  }

  private static List<String> types(List<Message> ms) {
    List<String> out = new ArrayList<>();
    for (Message m : ms) {
      out.add(m.type());
    }
    return out;
  }

  @Override
  public void close() {
    Session s = getSession();
    if (s != null && s.isOpen()) {
      s.close(1000, "bye", Callback.NOOP);
    }
  }
}
