package io.printerlink.desktop.cli;

import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import picocli.CommandLine.Command;

/** {@code link}: signs in, waits for exactly one printer in discovery, links it, prints each state. */
@Command(
    name = "link",
    description = "Link the one printer in discovery on this network to your account.",
    mixinStandardHelpOptions = true)
final class LinkCommand extends BaseCommand {
  LinkCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(CliSession session) throws Exception {
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
    ctx.err().println("Not linked: " + io.printerlink.desktop.core.LinkingCore.describe(result));
    return ExitCodes.FAILED;
  }

  private void print(LinkEvent event) {
    String label = event.state() != null ? event.state().name() : event.step().name();
    ctx.out().println(String.format("%s  %-9s %s", time(event.at()), label, event.message()));
    ctx.out().flush();
  }
}
