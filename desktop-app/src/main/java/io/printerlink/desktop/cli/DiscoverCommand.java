package io.printerlink.desktop.cli;

import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import picocli.CommandLine.Command;

/** {@code discover}: what the relay shows this network right now. */
@Command(name = "discover", description = "List the printer in discovery on this network, if any.", mixinStandardHelpOptions = true)
final class DiscoverCommand extends BaseCommand {
  DiscoverCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(CliSession session) throws Exception {
    DiscoveryResponse d = session.core.discover();
    ctx.out().println("The relay sees this computer as " + d.seenFrom() + ".");
    if (DiscoveryResponse.MULTIPLE.equals(d.status())) {
      ctx.out().println("More than one printer is in discovery on this network, so none is shown;"
          + " close the extra discovery window or link with a code.");
      return ExitCodes.OK;
    }
    if (d.printers().isEmpty()) {
      ctx.out().println("No printer is in discovery on this network.");
    }
    for (DiscoveredPrinter p : d.printers()) {
      ctx.out().println(String.format("%s  (%s)  %s:%d  host %s  agent %s  %d s left",
          p.agentName(), p.model(), p.privateIp(), p.port(), p.hostname(), p.agentVersion(), p.windowSecondsLeft()));
    }
    return ExitCodes.OK;
  }
}
