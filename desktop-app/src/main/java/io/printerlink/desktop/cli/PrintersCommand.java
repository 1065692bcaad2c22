package io.printerlink.desktop.cli;

import io.printerlink.protocol.api.PrinterView;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code printers}: the account's linked printers. */
@Command(name = "printers", description = "List the printers linked to your account.", mixinStandardHelpOptions = true)
final class PrintersCommand extends BaseCommand {
  PrintersCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(CliSession session) throws Exception {
    List<PrinterView> printers = session.core.printers().printers();
    if (printers.isEmpty()) {
      ctx.out().println("No printers are linked to this account.");
    }
    for (PrinterView p : printers) {
      ctx.out().println(String.format("%s  %s  (%s)  %s  linked %s",
          p.id(), p.name(), p.model(), p.online() ? "online" : "offline", p.linkedAt()));
    }
    return ExitCodes.OK;
  }
}
