package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.EventsListener;
import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkListener;
import io.printerlink.desktop.core.LinkingService;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.desktop.core.Session;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.ws.LinkCodeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A scripted connection and core for view-model tests: no network, everything on the calling thread. */
final class FakeConnection implements WizardConnection, LinkingService, CodeLinking {
  static final String INSTANCE = "0b7e4a6c-1d2f-4a3b-9c8d-7e6f5a4b3c2d";
  static final DiscoveredPrinter DEMO =
      new DiscoveredPrinter(INSTANCE, "192.168.1.50", 8631, "pi", "Demo printer", "0.1.0", "PrinterLink demo", 500);

  boolean embedded = true;
  String signedInAs;
  String resumedAs;
  RelayException signInError;
  DiscoveryResponse discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(), "203.0.113.7");
  List<LinkEvent> linkEvents = new ArrayList<>();
  LinkRequestView linkResult;
  LinkException linkError;
  EventsListener eventsListener;
  List<PrinterView> printers = new ArrayList<>();
  List<String> unlinked = new ArrayList<>();
  List<String> renamed = new ArrayList<>();
  IssuedCode code;
  List<LinkCodeEvent> codeEvents = new ArrayList<>();
  Outcome codeOutcome;
  boolean closed;

  @Override
  public LinkingService core() {
    return this;
  }

  @Override
  public CodeLinking codes() {
    return this;
  }

  @Override
  public CoreConfig coreConfig() {
    return CoreConfig.defaults();
  }

  @Override
  public Optional<Credentials> localAccount() {
    return embedded ? Optional.of(new Credentials("local-abc", Secret.fromText("password-123"), true)) : Optional.empty();
  }

  @Override
  public URI relayUri() {
    return URI.create("https://relay.example.org/");
  }

  @Override
  public String relayDescription() {
    return embedded ? "" : "https://relay.example.org/";
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public Session signIn(Credentials credentials) throws RelayException {
    if (signInError != null) {
      throw signInError;
    }
    signedInAs = credentials.username();
    return null;
  }

  @Override
  public Optional<Session> session() {
    return Optional.empty();
  }

  @Override
  public void signOut() {}

  @Override
  public DiscoveryResponse discover() {
    return discovery;
  }

  @Override
  public EventsConnection watch(EventsListener listener) {
    eventsListener = listener;
    return new EventsConnection() {
      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public DiscoveredPrinter awaitSinglePrinter() {
    return DEMO;
  }

  @Override
  public LinkRequestView link(DiscoveredPrinter printer, LinkListener listener) throws LinkException {
    linkEvents.forEach(listener::onEvent);
    if (linkError != null) {
      throw linkError;
    }
    return linkResult;
  }

  @Override
  public PrintersResponse printers() {
    return new PrintersResponse(printers);
  }

  @Override
  public void unlink(String printerId) {
    unlinked.add(printerId);
  }

  @Override
  public PrinterView rename(String printerId, String name) {
    renamed.add(printerId + "=" + name);
    return new PrinterView(printerId, name, "MK4", true, "2026-01-01T12:00:00Z");
  }

  @Override
  public Session resume(String accountId, String username, Secret token) {
    resumedAs = username;
    return null;
  }

  @Override
  public IssuedCode issue() {
    return code;
  }

  @Override
  public Outcome await(IssuedCode issued, Consumer<LinkCodeEvent> events) throws InterruptedException {
    codeEvents.forEach(events);
    if (codeOutcome == null) {
      // "still waiting": end the wait the way leaving the screen does, without an outcome
      Thread.currentThread().interrupt();
      throw new InterruptedException("still waiting");
    }
    return codeOutcome;
  }
}
