package io.printerlink.desktop.cli;

import io.printerlink.desktop.core.CodeLinkListener;
import io.printerlink.desktop.core.LinkCode;
import io.printerlink.desktop.core.LinkCodeResult;
import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.ws.LinkCodeEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code link}: signs in, waits for exactly one printer in discovery, links it, prints each state.
 * {@code link --code}: shows a 6-digit code to type at the printer, counts down, prints LINKED.
 */
@Command(
    name = "link",
    description = "Link the one printer in discovery on this network to your account"
        + " (or, with --code, the printer where you type the code shown).",
    mixinStandardHelpOptions = true)
final class LinkCommand extends BaseCommand {
  /** Countdown lines are printed this often (and every second of the last ten). */
  static final long COUNTDOWN_EVERY_SECONDS = 30;

  @Option(names = "--code", description = "Link with a 6-digit code typed at the printer instead of discovery.")
  boolean withCode;

  LinkCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(CliSession session) throws Exception {
    if (withCode) {
      return runWithCode(session);
    }
    say("Signed in as " + session.core.session().orElseThrow().username() + " (" + session.relayDescription + ")");
    say("Waiting up to " + ctx.coreConfig().discoveryWait().toSeconds() + " s for a printer in discovery");
    DiscoveredPrinter printer = session.core.awaitSinglePrinter();
    say("Found \"" + printer.agentName() + "\" (" + printer.model() + ") at " + printer.privateIp() + ":" + printer.port()
        + ", agent " + printer.agentVersion());
    LinkRequestView result = session.core.link(printer, this::print);
    if (result.linkState() == LinkState.LINKED) {
      ctx.out().println("Linked \"" + printer.agentName() + "\" to " + session.core.session().orElseThrow().username() + ".");
      return ExitCodes.OK;
    }
    String why = io.printerlink.desktop.core.LinkingCore.describe(result);
    ctx.err().println("Not linked: " + Character.toLowerCase(why.charAt(0)) + why.substring(1));
    return ExitCodes.FAILED;
  }

  private int runWithCode(CliSession session) throws Exception {
    String user = session.core.session().orElseThrow().username();
    say("Signed in as " + user + " (" + session.relayDescription + ")");
    LinkCode code = session.core.issueLinkCode();
    long life = Math.max(0, (java.time.Duration.between(ctx.clock().instant(), code.expiresAt()).toMillis() + 999) / 1000);
    say("Code: " + code.grouped() + "  (valid " + minutes(life) + "; on the printer run: java -jar printerlink-agent.jar link --code "
        + code.code() + " --relay " + session.relayUri + ")");
    LinkCodeResult result = session.core.awaitCodeLink(code, new CodeLinkListener() {
      @Override
      public void onCountdown(long secondsLeft) {
        if (secondsLeft > 0 && secondsLeft < life && (secondsLeft % COUNTDOWN_EVERY_SECONDS == 0 || secondsLeft <= 10)) {
          say(minutes(secondsLeft) + " left");
        }
      }

      @Override
      public void onRelayConnection(boolean live) {
        say(live ? "the relay is reachable again; still waiting for the code"
            : "lost the connection to the relay; the code stays valid there, reconnecting every second");
      }

      @Override
      public void onCodeEvent(LinkCodeEvent event) {
        if ("REDEEMED".equals(event.state())) {
          say(String.format("%-9s the printer \"%s\" used the code; waiting for it to confirm", "REDEEMED",
              event.printerName() == null ? "?" : event.printerName()));
        }
      }
    });
    if (result.linked()) {
      say(String.format("%-9s printer %s", "LINKED", result.printerId()));
      ctx.out().println("Linked " + (result.printerName() == null ? "the printer" : "\"" + result.printerName() + "\"")
          + " to " + user + ".");
      return ExitCodes.OK;
    }
    ctx.err().println("Not linked (" + result.outcome() + "): " + result.reason());
    return ExitCodes.FAILED;
  }

  private static String minutes(long seconds) {
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  private void print(LinkEvent event) {
    String label = event.state() != null ? event.state().name() : event.step().name();
    ctx.out().println(String.format("%s  %-9s %s", time(event.at()), label, event.message()));
    ctx.out().flush();
  }
}
