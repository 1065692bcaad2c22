package io.printerlink.desktop.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.core.ExchangeException;
import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkStep;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.ws.PrinterStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screens' view-models without a toolkit: background and UI work run on the test thread, time
 * and ticks move by hand, the core is scripted ({@link FakeConnection}).
 */
class WizardViewModelsTest {
  private static final Executor NOW = Runnable::run;
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private final MutableClock clock = new MutableClock();
  private final List<Runnable> ticks = new ArrayList<>();
  private final Ticker ticker = (period, task) -> {
    ticks.add(task);
    return () -> ticks.remove(task);
  };
  private final FakeConnection fake = new FakeConnection();
  private final WizardContext ctx = new WizardContext(NOW, NOW, ticker, nanos::get, clock,
      new Texts(ResourceBundle.getBundle(WizardView.BUNDLE)), WizardConfig.defaults());

  private WizardViewModel connectedWizard() {
    WizardViewModel vm = new WizardViewModel(choice -> fake, new WizardSettings(dir), ctx);
    vm.open(null);
    vm.start().proceed(new char[0]);
    return vm;
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    clock.now = clock.now.plus(d);
    new ArrayList<>(ticks).forEach(Runnable::run);
  }

  // ---- start

  @Test
  void embeddedIsTheDefaultAndContinuesWithTheLocalAccount() {
    WizardViewModel vm = connectedWizard();

    assertThat(fake.signedInAs).isEqualTo("local-abc");
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.DISCOVER);
    assertThat(vm.relayDescriptionProperty().get()).isEqualTo("Demo mode: relay and demo printer running on this computer");
  }

  @Test
  void relayAddressThatIsNotOneIsRefusedInPlainWords() {
    for (String garbage : List.of("ftp://relay.example.org", "not a url at all", "https://relay.example.org/?x=1",
        "https://user@relay.example.org", "https://")) {
      WizardViewModel vm = new WizardViewModel(choice -> fake, new WizardSettings(dir), ctx);
      vm.open(null);
      vm.start().embeddedProperty().set(false);
      vm.start().relayUrlProperty().set(garbage);
      vm.start().usernameProperty().set("alice");

      vm.start().proceed("pw".toCharArray());

      assertThat(vm.start().errorProperty().get()).as(garbage).isEqualTo("Enter the relay's address, like "
          + "relay.example.org or https://relay.example.org:8443 (http:// only for a test relay).");
      assertThat(vm.screenProperty().get()).isEqualTo(Screen.START);
    }
  }

  @Test
  void aBareRelayHostMeansHttps() {
    List<RelayChoice> opened = new ArrayList<>();
    fake.embedded = false;
    WizardViewModel vm = new WizardViewModel(choice -> {
      opened.add(choice);
      return fake;
    }, new WizardSettings(dir), ctx);
    vm.open(null);
    vm.start().embeddedProperty().set(false);
    vm.start().relayUrlProperty().set("  relay.example.org:8443 ");
    vm.start().usernameProperty().set("alice");

    vm.start().proceed("pw".toCharArray());

    assertThat(opened).extracting(c -> c.url().toString()).containsExactly("https://relay.example.org:8443");
  }

  @Test
  void relaySignInWithoutAPasswordOrSavedSessionAsksForThePassword() {
    WizardViewModel vm = new WizardViewModel(choice -> fake, new WizardSettings(dir), ctx);
    vm.open(null);
    vm.start().embeddedProperty().set(false);
    vm.start().relayUrlProperty().set("https://relay.example.org");
    vm.start().usernameProperty().set("alice");

    vm.start().proceed(new char[0]);

    assertThat(vm.start().errorProperty().get()).isEqualTo("Enter your password.");
  }

  @Test
  void thePasswordArrayIsWipedWhateverHappens() {
    WizardViewModel vm = new WizardViewModel(choice -> fake, new WizardSettings(dir), ctx);
    vm.open(null);
    vm.start().embeddedProperty().set(false);
    char[] password = "secret-password".toCharArray();

    vm.start().proceed(password);

    assertThat(password).containsOnly('\0');
  }

  @Test
  void relayFromTheEnvironmentPrefillsTheRelayChoice() {
    WizardViewModel vm = new WizardViewModel(choice -> fake, new WizardSettings(dir), ctx);

    vm.open("https://relay.example.org");

    assertThat(vm.start().embeddedProperty().get()).isFalse();
    assertThat(vm.start().relayUrlProperty().get()).isEqualTo("https://relay.example.org");
  }

  // ---- discover

  @Test
  void nothingFoundShowsTheChecklistAfter10sAndTheReasonsAfter30s() {
    WizardViewModel vm = connectedWizard();
    DiscoverViewModel d = vm.discoverScreen();
    assertThat(d.stateProperty().get()).isEqualTo(DiscoverViewModel.State.LOOKING);

    advance(Duration.ofMillis(9_900));
    assertThat(d.stateProperty().get()).isEqualTo(DiscoverViewModel.State.LOOKING);
    advance(Duration.ofMillis(100));
    assertThat(d.stateProperty().get()).isEqualTo(DiscoverViewModel.State.CHECKLIST);
    advance(Duration.ofSeconds(20));

    assertThat(d.stateProperty().get()).isEqualTo(DiscoverViewModel.State.HINTS);
    assertThat(d.offerCodeProperty().get()).isTrue();
    assertThat(d.seenFromProperty().get()).isEqualTo("The relay sees this computer at 203.0.113.7.");
  }

  @Test
  void thePrinterCardCountsItsWindowDownLive() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    WizardViewModel vm = connectedWizard();
    DiscoverViewModel d = vm.discoverScreen();
    assertThat(d.windowLeftProperty().get()).isEqualTo("8:20 left in its discovery window");

    advance(Duration.ofSeconds(61));

    assertThat(d.windowLeftProperty().get()).isEqualTo("7:19 left in its discovery window");
    assertThat(d.printerProperty().get().address()).isEqualTo("192.168.1.50:8631");
  }

  @Test
  void aWindowThatRunsOutRemovesTheCardAndSaysSo() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    WizardViewModel vm = connectedWizard();

    advance(Duration.ofSeconds(500));

    DiscoverViewModel d = vm.discoverScreen();
    assertThat(d.printerProperty().get()).isNull();
    assertThat(d.stateProperty().get()).isEqualTo(DiscoverViewModel.State.HINTS);
    assertThat(d.statusProperty().get()).startsWith("The printer's discovery window ended before it was linked.");
  }

  @Test
  void livePushesReplaceTheList_C11() {
    WizardViewModel vm = connectedWizard();

    fake.eventsListener.onDiscovery(new DiscoveryResponse(DiscoveryResponse.MULTIPLE, List.of(), "203.0.113.7"));

    DiscoverViewModel d = vm.discoverScreen();
    assertThat(d.stateProperty().get()).isEqualTo(DiscoverViewModel.State.MULTIPLE);
    assertThat(d.offerCodeProperty().get()).isTrue();
    fake.eventsListener.onDiscovery(new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7"));
    assertThat(d.stateProperty().get()).isEqualTo(DiscoverViewModel.State.FOUND);
    assertThat(d.offerCodeProperty().get()).isFalse();
  }

  // ---- link

  @Test
  void stepsTickWithTheirTimesSinceTheStart() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkEvents = List.of(
        event(0, LinkStep.EXCHANGE, null), event(120, LinkStep.PROOF, null), event(130, LinkStep.REQUEST, null),
        event(180, LinkStep.WAIT, LinkState.DELIVERED), event(400, LinkStep.WAIT, LinkState.VERIFIED),
        event(450, LinkStep.WAIT, LinkState.LINKED));
    fake.linkResult = new LinkRequestView("lr_1", FakeConnection.INSTANCE, "LINKED", null, "prn_1");
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().link();

    assertThat(vm.linkScreen().rows()).extracting(r -> r.text() + " " + r.status() + " " + r.time()).containsExactly(
        "Contacting the printer at 192.168.1.50:8631 DONE 0.12 s",
        "Local secret received DONE 0.12 s",
        "Link request sent DONE 0.18 s",
        "Printer confirming DONE 0.40 s",
        "Linked DONE 0.45 s");
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.DONE);
    assertThat(vm.doneScreen().headlineProperty().get()).isEqualTo("Demo printer is linked to your account.");
  }

  @Test
  void somethingElseAnsweringAtThePrintersAddressIsSaidInTheWizardsWords() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkError = new LinkException(LinkStep.EXCHANGE, "printer at 192.168.1.50:8631 answered HTTP 404",
        ExchangeException.BAD_ANSWER);
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().link();

    assertThat(vm.linkScreen().failureProperty().get()).isEqualTo("Contacting the printer at 192.168.1.50:8631: failed. "
        + "Something answered at 192.168.1.50:8631, but not as a PrinterLink printer does (printer at 192.168.1.50:8631 "
        + "answered HTTP 404). Check the address the printer announces, or use a code.");
  }

  @Test
  void relayErrorsAreWordedByTheWizardsBundle() {
    Texts texts = new Texts(ResourceBundle.getBundle(WizardView.BUNDLE));
    for (String code : List.of(ErrorCodes.MULTIPLE_IN_DISCOVERY, ErrorCodes.NOT_IN_DISCOVERY, ErrorCodes.NETWORK_MISMATCH,
        ErrorCodes.LINK_IN_PROGRESS, ErrorCodes.ALREADY_LINKED, ErrorCodes.RATE_LIMITED, ErrorCodes.CODE_NOT_FOUND,
        ErrorCodes.CODE_EXPIRED, ErrorCodes.CODE_ALREADY_USED, ErrorCodes.BAD_CREDENTIALS, ErrorCodes.USERNAME_TAKEN,
        ErrorCodes.UNAUTHORIZED, ErrorCodes.SHUTTING_DOWN)) {
      assertThat(texts.bundle().containsKey("problem." + code)).as(code).isTrue();
    }
    assertThat(texts.problem(new RelayException(ErrorCodes.USERNAME_TAKEN, "username taken", 409)))
        .isEqualTo("that username is already taken; sign in instead, or choose another");
    assertThat(texts.problem(new RelayException(RelayException.UNREACHABLE, "cannot connect to the relay at x", 0)))
        .isEqualTo("cannot connect to the relay at x");
  }

  @Test
  void anUnreachablePrinterFailsTheContactStepWithTheTimeout_C04() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkError = new LinkException(LinkStep.EXCHANGE, "printer unreachable", ExchangeException.UNREACHABLE);
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().link();

    LinkViewModel l = vm.linkScreen();
    assertThat(l.failedProperty().get()).isTrue();
    assertThat(l.rows().get(0).status()).isEqualTo(LinkStepRow.Status.FAILED);
    assertThat(l.failureProperty().get()).isEqualTo("Contacting the printer at 192.168.1.50:8631: failed. "
        + "This computer could not reach the printer at 192.168.1.50:8631 (it tries for up to 3 s). The printer may be on another network, "
        + "or the address it announces is not reachable from this computer.");
  }

  @Test
  void aRefusedExchangeSaysTheWindowMayHaveClosed() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkError = new LinkException(LinkStep.EXCHANGE, "refused", ExchangeException.REFUSED);
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().link();

    assertThat(vm.linkScreen().failureProperty().get()).endsWith(
        "The printer refused: its discovery window may have closed. Restart discovery on the printer and try again.");
  }

  @Test
  void aRejectedLinkFailsTheConfirmStep_T08() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkResult = new LinkRequestView("lr_1", FakeConnection.INSTANCE, "REJECTED", "proof mismatch", null);
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().link();

    assertThat(vm.linkScreen().rows().get(3).status()).isEqualTo(LinkStepRow.Status.FAILED);
    assertThat(vm.linkScreen().failureProperty().get()).isEqualTo("Printer confirming: failed. The printer rejected the "
        + "link (the proof did not match) and ended its discovery window. Restart discovery on the printer.");
  }

  @Test
  void aFailedLinkQuotesTheRelaysReasonBecauseItHasSeveralCauses() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkResult = new LinkRequestView("lr_1", FakeConnection.INSTANCE, "FAILED",
        "the printer did not confirm it stored its token in time", null);
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().link();

    assertThat(vm.linkScreen().failureProperty().get()).isEqualTo("Linked: failed. The relay could not finish the link. "
        + "(The relay said: the printer did not confirm it stored its token in time)");
  }

  @Test
  void aRelayErrorOnTheRequestSaysRelayError() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkError = new LinkException(LinkStep.REQUEST, "cannot connect to the relay", RelayException.UNREACHABLE);
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().link();

    assertThat(vm.linkScreen().failureProperty().get())
        .isEqualTo("Link request sent: failed. Relay error: cannot connect to the relay");
  }

  @Test
  void retryGoesBackToDiscoveryAndTheCodeIsOneStepAway() {
    fake.discovery = new DiscoveryResponse(DiscoveryResponse.OK, List.of(FakeConnection.DEMO), "203.0.113.7");
    fake.linkError = new LinkException(LinkStep.REQUEST, "gone", ErrorCodes.NOT_IN_DISCOVERY);
    WizardViewModel vm = connectedWizard();
    vm.discoverScreen().link();

    vm.linkScreen().retry();

    assertThat(vm.screenProperty().get()).isEqualTo(Screen.DISCOVER);
  }

  // ---- code

  @Test
  void theCodeCountsDownAndARedemptionMovesToLinkedByItself() {
    fake.code = new CodeLinking.IssuedCode("123456", T0.plusSeconds(600));
    fake.codeEvents = List.of(new LinkCodeEvent("REDEEMED", null, "prn_9", "octopi"));
    fake.codeOutcome = new CodeLinking.Outcome("LINKED", null, "prn_9", "octopi");
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().useCode();

    assertThat(vm.codeScreen().codeProperty().get()).isEqualTo("123 456");
    assertThat(vm.codeScreen().commandProperty().get())
        .isEqualTo("java -jar printerlink-agent.jar link --code 123456 --relay https://relay.example.org/");
    assertThat(vm.screenProperty().get()).isEqualTo(Screen.DONE);
    assertThat(vm.doneScreen().headlineProperty().get()).isEqualTo("octopi is linked to your account.");
  }

  @Test
  void aWaitingCodeShowsItsCountdownLive_C15() {
    fake.code = new CodeLinking.IssuedCode("123456", T0.plusSeconds(600));
    WizardViewModel vm = connectedWizard();
    vm.discoverScreen().useCode();
    assertThat(vm.codeScreen().stateProperty().get()).isEqualTo(CodeViewModel.State.WAITING);
    assertThat(vm.codeScreen().countdownProperty().get()).isEqualTo("Expires in 10:00");

    advance(Duration.ofSeconds(61));

    assertThat(vm.codeScreen().countdownProperty().get()).isEqualTo("Expires in 8:59");
  }

  @Test
  void anExpiredCodeOffersANewOne() {
    fake.code = new CodeLinking.IssuedCode("123456", T0.plusSeconds(600));
    fake.codeOutcome = new CodeLinking.Outcome("EXPIRED", "the code expired", null, null);
    WizardViewModel vm = connectedWizard();

    vm.discoverScreen().useCode();

    assertThat(vm.codeScreen().stateProperty().get()).isEqualTo(CodeViewModel.State.EXPIRED);
    assertThat(vm.codeScreen().countdownProperty().get()).isEqualTo("Expired");
    assertThat(vm.codeScreen().messageProperty().get()).isEqualTo("The code expired. Get a new one.");
  }

  // ---- done and my printers

  @Test
  void renameRefusesABlankNameWithoutCallingTheRelay() {
    WizardViewModel vm = connectedWizard();
    vm.linked("prn_1", "Demo printer");
    vm.doneScreen().nameProperty().set("   ");

    vm.doneScreen().rename();

    assertThat(fake.renamed).isEmpty();
    assertThat(vm.doneScreen().messageProperty().get()).isEqualTo("Enter a name of 1 to 64 characters.");
  }

  @Test
  void renameSavesTheTrimmedName() {
    WizardViewModel vm = connectedWizard();
    vm.linked("prn_1", "Demo printer");
    vm.doneScreen().nameProperty().set("  Garage  ");

    vm.doneScreen().rename();

    assertThat(fake.renamed).containsExactly("prn_1=Garage");
    assertThat(vm.doneScreen().messageProperty().get()).isEqualTo("Saved: the printer is now called Garage.");
  }

  @Test
  void printerStatusEventsUpdateTheListLive() {
    fake.printers.add(new PrinterView("prn_1", "octopi", "MK4", false, "2026-01-01T12:00:00Z"));
    WizardViewModel vm = connectedWizard();
    vm.printers();

    fake.eventsListener.onPrinter(new PrinterStatus("prn_1", true));

    assertThat(vm.printersScreen().rows()).extracting(PrinterRow::online).containsExactly(true);
  }

  @Test
  void unlinkHappensOnlyAfterConfirmation() {
    fake.printers.add(new PrinterView("prn_1", "octopi", "MK4", true, "2026-01-01T12:00:00Z"));
    WizardViewModel vm = connectedWizard();
    vm.printers();
    PrintersViewModel p = vm.printersScreen();

    p.askUnlink(p.rows().get(0));
    assertThat(fake.unlinked).isEmpty();
    assertThat(p.confirmTextProperty().get()).startsWith("Unlink octopi?");
    p.cancelUnlink();
    assertThat(fake.unlinked).isEmpty();
    p.askUnlink(p.rows().get(0));
    p.confirmUnlink();

    assertThat(fake.unlinked).containsExactly("prn_1");
    assertThat(p.rows()).isEmpty();
    assertThat(p.messageProperty().get()).isEqualTo("octopi was unlinked.");
  }

  @Test
  void closeStopsTheConnection() {
    WizardViewModel vm = connectedWizard();

    vm.close();

    assertThat(fake.closed).isTrue();
  }

  private LinkEvent event(long ms, LinkStep step, LinkState state) {
    return new LinkEvent(T0.plusMillis(ms), step, state, step.name());
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    Instant now = T0;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
