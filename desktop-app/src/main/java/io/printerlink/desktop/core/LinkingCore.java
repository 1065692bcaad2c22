package io.printerlink.desktop.core;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.api.Usernames;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one linking core, used by the CLI and the wizard alike. It holds the signed-in session
 * and runs the auto-discovery link of PROTOCOL.md: LAN exchange, proof, link request, then the
 * request's states live over the events socket (GET polling only if that socket drops).
 */
public final class LinkingCore implements LinkingService {
  private static final Logger LOG = LoggerFactory.getLogger(LinkingCore.class);
  private static final Object SOCKET_CLOSED = new Object();

  private final RelayClient relay;
  private final EventsClient events;
  private final LanExchangeClient lan;
  private final CoreConfig config;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final SecureRandom random;
  private final Executor executor;
  private final AtomicReference<Session> session = new AtomicReference<>();
  private final CodeLinkFlow codes;

  public LinkingCore(
      RelayClient relay,
      EventsClient events,
      LanExchangeClient lan,
      CoreConfig config,
      Clock clock,
      LongSupplier nanoTime,
      SecureRandom random,
      Executor executor) {
    if (relay == null || events == null || lan == null || config == null || clock == null
        || nanoTime == null || random == null || executor == null) {
      throw new IllegalArgumentException("all LinkingCore collaborators are required");
    }
    this.relay = relay;
    this.events = events;
    this.lan = lan;
    this.config = config;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.random = random;
    this.executor = executor;
    this.codes = new CodeLinkFlow(relay, events, clock, nanoTime);
  }

  /** Builds a core for {@code clients}, talking to the relay the clients were opened for. */
  public static LinkingCore create(
      CoreClients clients, CoreConfig config, Clock clock, LongSupplier nanoTime, SecureRandom random, Executor executor) {
    return new LinkingCore(
        clients.relay(), clients.events(), clients.lan(), config, clock, nanoTime, random, executor);
  }

  @Override
  public Session signIn(Credentials credentials) throws RelayException {
    Session s =
        credentials.createAccount()
            ? relay.createAccount(credentials.username(), credentials.password(), null)
            : relay.signIn(credentials.username(), credentials.password());
    Session old = session.getAndSet(s);
    if (old != null) {
      old.destroy();
    }
    return s;
  }

  @Override
  public Optional<Session> session() {
    return Optional.ofNullable(session.get());
  }

  @Override
  public void signOut() throws RelayException {
    Session s = session.getAndSet(null);
    if (s != null) {
      relay.signOut(s);
    }
  }

  @Override
  public DiscoveryResponse discover() throws RelayException {
    return relay.discovery(requireSession());
  }

  @Override
  public EventsConnection watch(EventsListener listener) throws RelayException {
    return events.connect(requireSession(), listener);
  }

  @Override
  public PrintersResponse printers() throws RelayException {
    return relay.printers(requireSession());
  }

  @Override
  public void unlink(String printerId) throws RelayException {
    relay.unlink(requireSession(), printerId);
  }

  @Override
  public LinkCode issueLinkCode() throws RelayException {
    return codes.issue(requireSession());
  }

  @Override
  public LinkCodeResult awaitCodeLink(LinkCode code, CodeLinkListener listener) throws LinkException {
    return codes.await(requireSessionFor(LinkStep.CODE_WAIT), code, listener);
  }

  @Override
  public PrinterView rename(String printerId, String name) throws RelayException {
    return relay.rename(requireSession(), printerId, name);
  }

  @Override
  public Session resume(String accountId, String username, Secret token) throws RelayException {
    if (token == null) {
      throw new IllegalArgumentException("token is required");
    }
    Session s = new Session(Check.id(accountId, "accountId"), Usernames.check(username), username, token);
    try {
      relay.printers(s);
    } catch (RelayException e) {
      s.destroy();
      throw e;
    }
    Session old = session.getAndSet(s);
    if (old != null) {
      old.destroy();
    }
    return s;
  }

  @Override
  public DiscoveredPrinter awaitSinglePrinter() throws LinkException {
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    long deadline = nanoTime.getAsLong() + config.discoveryWait().toNanos();
    EventsConnection socket = null;
    try {
      socket = events.connect(requireSessionFor(LinkStep.DISCOVER), new EventsListener() {
        @Override
        public void onDiscovery(DiscoveryResponse discovery) {
          queue.add(discovery);
        }

        @Override
        public void onClosed(String reason) {
          queue.add(SOCKET_CLOSED);
        }
      });
    } catch (RelayException e) {
      LOG.info("Events socket unavailable ({}); polling discovery instead", e.getMessage());
    }
    try {
      DiscoveryResponse last;
      try {
        last = relay.discovery(requireSessionFor(LinkStep.DISCOVER));
      } catch (RelayException e) {
        throw new LinkException(LinkStep.DISCOVER, Problems.describe(e), e.code());
      }
      boolean live = socket != null;
      while (true) {
        if (DiscoveryResponse.MULTIPLE.equals(last.status())) {
          throw new LinkException(
              LinkStep.DISCOVER, Problems.describe(new RelayException(ErrorCodes.MULTIPLE_IN_DISCOVERY, "", 409)),
              ErrorCodes.MULTIPLE_IN_DISCOVERY);
        }
        if (last.printers().size() == 1) {
          return last.printers().get(0);
        }
        long left = deadline - nanoTime.getAsLong();
        if (left <= 0) {
          throw new LinkException(
              LinkStep.DISCOVER,
              "no printer is in discovery on this network (the relay sees this computer as "
                  + last.seenFrom() + ") after " + config.discoveryWait().toSeconds() + " s;"
                  + " make sure the printer agent is running and its discovery window is open",
              null);
        }
        Object next = queue.poll(Math.min(left, live ? left : config.pollInterval().toNanos()), TimeUnit.NANOSECONDS);
        if (next instanceof DiscoveryResponse) {
          last = (DiscoveryResponse) next;
        } else if (next == SOCKET_CLOSED || !live) {
          live = false;
          try {
            last = relay.discovery(requireSessionFor(LinkStep.DISCOVER));
          } catch (RelayException e) {
            throw new LinkException(LinkStep.DISCOVER, Problems.describe(e), e.code());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkException(LinkStep.DISCOVER, "interrupted", null);
    } finally {
      if (socket != null) {
        socket.close();
      }
    }
  }

  /** {@link #link} on the core's executor. */
  public CompletableFuture<LinkRequestView> linkAsync(DiscoveredPrinter printer, LinkListener listener) {
    CompletableFuture<LinkRequestView> result = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        result.complete(link(printer, listener));
      } catch (LinkException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  @Override
  public LinkRequestView link(DiscoveredPrinter printer, LinkListener listener) throws LinkException {
    if (printer == null || listener == null) {
      throw new IllegalArgumentException("printer and listener are required");
    }
    Session s = requireSessionFor(LinkStep.EXCHANGE);
    String where = printer.privateIp() + ":" + printer.port();

    emit(listener, LinkStep.EXCHANGE, null, "Asking the printer at " + where + " for its one-time local secret");
    Secret localSecret;
    try {
      localSecret = lan.exchange(printer);
    } catch (ExchangeException e) {
      throw new LinkException(LinkStep.EXCHANGE, e.getMessage(), e.code());
    }

    emit(listener, LinkStep.PROOF, null, "Computing the link proof for this account");
    String nonce = Secrets.newNonce(random, Limits.NONCE_BYTES);
    Secret proof;
    try {
      proof = Proof.compute(localSecret, printer.instanceId(), s.accountId(), nonce);
    } finally {
      localSecret.destroy();
    }

    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    EventsConnection socket = null;
    try {
      try {
        socket = events.connect(s, new EventsListener() {
          @Override
          public void onLinkState(LinkRequestView view) {
            queue.add(view);
          }

          @Override
          public void onClosed(String reason) {
            queue.add(SOCKET_CLOSED);
          }
        });
      } catch (RelayException e) {
        LOG.info("Events socket unavailable ({}); will poll the link request", e.getMessage());
      }

      emit(listener, LinkStep.REQUEST, null, "Sending the link request to the relay");
      LinkRequestView view;
      try {
        view = relay.createLinkRequest(s, new LinkRequestCreate(printer.instanceId(), nonce, proof));
      } catch (RelayException e) {
        throw new LinkException(LinkStep.REQUEST, Problems.describe(e), e.code());
      } finally {
        proof.destroy();
      }
      return follow(s, view, socket != null, queue, listener);
    } finally {
      if (socket != null) {
        socket.close();
      }
    }
  }

  private LinkRequestView follow(
      Session s, LinkRequestView first, boolean live, BlockingQueue<Object> queue, LinkListener listener)
      throws LinkException {
    long deadline = nanoTime.getAsLong() + config.linkTimeout().toNanos();
    LinkRequestView current = first;
    LinkState reported = null;
    boolean socketUp = live;
    try {
      while (true) {
        if (reported == null || current.linkState().ordinal() > reported.ordinal()) {
          reported = current.linkState();
          emit(listener, LinkStep.WAIT, reported, describe(current));
        }
        if (reported.isFinal()) {
          return current;
        }
        long left = deadline - nanoTime.getAsLong();
        if (left <= 0) {
          throw new LinkException(
              LinkStep.WAIT,
              "no final answer within " + config.linkTimeout().toSeconds() + " s (last state " + reported + ")",
              null);
        }
        if (socketUp) {
          Object next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next instanceof LinkRequestView && ((LinkRequestView) next).id().equals(first.id())) {
            current = (LinkRequestView) next;
          } else if (next == SOCKET_CLOSED) {
            socketUp = false;
            emit(listener, LinkStep.WAIT, null, "Live updates stopped; checking the relay every "
                + config.pollInterval().toMillis() + " ms instead");
            current = poll(s, first.id());
          }
        } else {
          queue.poll(Math.min(left, config.pollInterval().toNanos()), TimeUnit.NANOSECONDS);
          current = poll(s, first.id());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkException(LinkStep.WAIT, "interrupted", null);
    }
  }

  private LinkRequestView poll(Session s, String id) throws LinkException {
    try {
      return relay.getLinkRequest(s, id);
    } catch (RelayException e) {
      throw new LinkException(LinkStep.WAIT, Problems.describe(e), e.code());
    }
  }

  /** Plain-words text for a link request state. */
  public static String describe(LinkRequestView view) {
    String reason = view.reason() == null || view.reason().isBlank() ? "" : ": " + view.reason();
    switch (view.linkState()) {
      case QUEUED:
        return "Link request queued at the relay";
      case DELIVERED:
        return "Link request delivered to the printer";
      case VERIFIED:
        return "The printer verified the proof";
      case LINKED:
        return "Linked" + (view.printerId() == null ? "" : " (printer " + view.printerId() + ")");
      case REJECTED:
        return "The printer rejected the link" + reason;
      case EXPIRED:
        return "The printer did not answer in time" + reason;
      case FAILED:
      default:
        return "The link failed" + reason;
    }
  }

  private void emit(LinkListener listener, LinkStep step, LinkState state, String message) {
    LinkEvent event = new LinkEvent(clock.instant(), step, state, message);
    LOG.debug("link step {} {}", step, state == null ? "" : state);
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("A link listener failed", e);
    }
  }

  private Session requireSession() throws RelayException {
    Session s = session.get();
    if (s == null) {
      throw new RelayException(ErrorCodes.UNAUTHORIZED, "not signed in", 0);
    }
    return s;
  }

  private Session requireSessionFor(LinkStep step) throws LinkException {
    Session s = session.get();
    if (s == null) {
      throw new LinkException(step, "not signed in", ErrorCodes.UNAUTHORIZED);
    }
    return s;
  }
}
