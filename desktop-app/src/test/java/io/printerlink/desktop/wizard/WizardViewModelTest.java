package io.printerlink.desktop.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.EventsListener;
import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkListener;
import io.printerlink.desktop.core.LinkStep;
import io.printerlink.desktop.core.LinkingService;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.desktop.core.Session;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrintersResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The wizard's view-model without a toolkit: background and UI work run on the test thread. */
class WizardViewModelTest {
  private static final Executor NOW = Runnable::run;
  private static final String INSTANCE = "0b7e4a6c-1d2f-4a3b-9c8d-7e6f5a4b3c2d";
  private static final DiscoveredPrinter DEMO =
      new DiscoveredPrinter(INSTANCE, "192.168.1.50", 8631, "pi", "Demo printer", "0.1.0", "PrinterLink demo", 500);

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
  private final ResourceBundle texts = ResourceBundle.getBundle(WizardView.BUNDLE);
  private final FakeCore core = new FakeCore();

  private WizardViewModel viewModel(boolean embedded) {
    Optional<Credentials> local =
        embedded ? Optional.of(new Credentials("local-abc", Secret.fromText("password-123"), true)) : Optional.empty();
    WizardConnection connection = new WizardConnection() {
      @Override
      public LinkingService core() {
        return core;
      }

      @Override
      public Optional<Credentials> localAccount() {
        return local;
      }

      @Override
      public String relayDescription() {
        return "test relay";
      }

      @Override
      public void close() {
        core.closed = true;
      }
    };
    return new WizardViewModel(() -> connection, NOW, NOW, clock, texts);
  }

  @Test
  void embeddedModeSkipsSignInAndShowsTheDiscoveredPrinter() {
    core.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(DEMO), "127.0.0.1");
    WizardViewModel vm = viewModel(true);

    vm.start();

    assertThat(core.signedInAs).isEqualTo("local-abc");
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.DISCOVER);
    assertThat(vm.printerProperty().get().name()).isEqualTo("Demo printer");
    assertThat(vm.printerProperty().get().address()).isEqualTo("192.168.1.50:8631");
    assertThat(vm.canLinkBinding().get()).isTrue();
  }

  @Test
  void remoteModeAsksToSignIn() {
    WizardViewModel vm = viewModel(false);

    vm.start();

    assertThat(vm.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
    assertThat(core.signedInAs).isNull();
  }

  @Test
  void signInWipesThePasswordAndMovesToDiscovery() {
    WizardViewModel vm = viewModel(false);
    vm.start();
    vm.usernameProperty().set("alice");
    char[] password = "correct-horse".toCharArray();

    vm.signIn(password);

    assertThat(core.signedInAs).isEqualTo("alice");
    assertThat(password).containsOnly('\0');
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.DISCOVER);
  }

  @Test
  void badCredentialsStayOnSignInWithAPlainMessage() {
    core.signInError = new RelayException(ErrorCodes.BAD_CREDENTIALS, "bad", 401);
    WizardViewModel vm = viewModel(false);
    vm.start();
    vm.usernameProperty().set("alice");

    vm.signIn("wrong-password".toCharArray());

    assertThat(vm.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
    assertThat(vm.errorProperty().get()).isEqualTo("Sign-in failed: wrong username or password");
  }

  @Test
  void liveDiscoveryEventsUpdateTheCard() {
    core.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(), "127.0.0.1");
    WizardViewModel vm = viewModel(true);
    vm.start();
    assertThat(vm.printerProperty().get()).isNull();

    core.eventsListener.onDiscovery(new DiscoveryResponse(DiscoveryResponse.OK, List.of(DEMO), "127.0.0.1"));

    assertThat(vm.printerProperty().get().model()).isEqualTo("PrinterLink demo");
  }

  @Test
  void multipleInDiscoveryShowsNoCardAndSaysWhy() {
    core.discovery = new DiscoveryResponse(DiscoveryResponse.MULTIPLE, List.of(), "127.0.0.1");
    WizardViewModel vm = viewModel(true);

    vm.start();

    assertThat(vm.printerProperty().get()).isNull();
    assertThat(vm.discoveryStatusProperty().get()).startsWith("More than one printer is in discovery");
    assertThat(vm.canLinkBinding().get()).isFalse();
  }

  @Test
  void linkShowsEveryStateAndEndsLinked() {
    core.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(DEMO), "127.0.0.1");
    core.linkResult = new LinkRequestView("lr_1", INSTANCE, "LINKED", null, "prn_1");
    WizardViewModel vm = viewModel(true);
    vm.start();

    vm.link();

    assertThat(vm.screenProperty().get()).isEqualTo(Screen.LINKED);
    assertThat(vm.linkedTextProperty().get()).isEqualTo("Linked: Demo printer");
    assertThat(vm.statusLines())
        .containsExactly(
            "12:00:00  Asking the printer for its one-time secret over your network",
            "12:00:00  Link request queued",
            "12:00:00  Request delivered to the printer",
            "12:00:00  The printer confirmed the proof",
            "12:00:00  Linked");
  }

  @Test
  void rejectedLinkShowsTheReason() {
    core.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(DEMO), "127.0.0.1");
    core.linkResult = new LinkRequestView("lr_1", INSTANCE, "REJECTED", "proof mismatch", null);
    WizardViewModel vm = viewModel(true);
    vm.start();

    vm.link();

    assertThat(vm.screenProperty().get()).isEqualTo(Screen.FAILED);
    assertThat(vm.errorProperty().get()).isEqualTo("Not linked: The printer rejected the link: proof mismatch");
  }

  @Test
  void failedStepIsNamedInTheError() {
    core.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(DEMO), "127.0.0.1");
    core.linkError = new LinkException(LinkStep.EXCHANGE, "printer unreachable at 192.168.1.50:8631", null);
    WizardViewModel vm = viewModel(true);
    vm.start();

    vm.link();

    assertThat(vm.screenProperty().get()).isEqualTo(Screen.FAILED);
    assertThat(vm.errorProperty().get())
        .isEqualTo("Local exchange with the printer failed: printer unreachable at 192.168.1.50:8631");
  }

  @Test
  void closeStopsTheLiveListAndTheConnection() {
    core.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(DEMO), "127.0.0.1");
    WizardViewModel vm = viewModel(true);
    vm.start();

    vm.close();

    assertThat(core.watchClosed).isTrue();
    assertThat(core.closed).isTrue();
  }

  /** A scripted core: no network. */
  private final class FakeCore implements LinkingService {
    String signedInAs;
    RelayException signInError;
    DiscoveryResponse discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(), "127.0.0.1");
    LinkRequestView linkResult;
    LinkException linkError;
    EventsListener eventsListener;
    boolean watchClosed;
    boolean closed;

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
          return !watchClosed;
        }

        @Override
        public void close() {
          watchClosed = true;
        }
      };
    }

    @Override
    public DiscoveredPrinter awaitSinglePrinter() {
      return DEMO;
    }

    @Override
    public LinkRequestView link(DiscoveredPrinter printer, LinkListener listener) throws LinkException {
      listener.onEvent(new LinkEvent(clock.instant(), LinkStep.EXCHANGE, null, "exchange"));
      if (linkError != null) {
        throw linkError;
      }
      List<LinkState> states = new ArrayList<>(List.of(LinkState.QUEUED, LinkState.DELIVERED, LinkState.VERIFIED));
      if (linkResult.linkState() == LinkState.LINKED) {
        states.add(LinkState.LINKED);
        for (LinkState s : states) {
          listener.onEvent(new LinkEvent(clock.instant(), LinkStep.WAIT, s, s.name()));
        }
      }
      return linkResult;
    }

    @Override
    public PrintersResponse printers() {
      return new PrintersResponse(List.of());
    }

    @Override
    public void unlink(String printerId) {}
  }
}
