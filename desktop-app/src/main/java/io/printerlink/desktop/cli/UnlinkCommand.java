package io.printerlink.desktop.cli;

import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.ErrorCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code unlink PRINTER_ID}: removes a printer from the account; the relay revokes its token at
 * once, so its agent gets 401, sets the token aside and opens a new discovery window. The
 * command-line twin of the wizard's "Unlink" (the agent's messages point to it).
 */
@Command(name = "unlink", description = "Unlink a printer from your account (its id from 'printers').",
    mixinStandardHelpOptions = true)
final class UnlinkCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PRINTER_ID", description = "The printer's id, e.g. prn_AbC... (see 'printers').")
  String printerId;

  UnlinkCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(CliSession session) throws Exception {
    if (!printerId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new UsageException("not a printer id: give the id 'printers' lists (prn_...)");
    }
    try {
      session.core.unlink(printerId);
    } catch (RelayException e) {
      if (ErrorCodes.NOT_FOUND.equals(e.code()) || e.httpStatus() == 404) {
        ctx.err().println("Error: no printer " + printerId + " is linked to this account (see 'printers').");
        return ExitCodes.FAILED;
      }
      throw e;
    }
    ctx.out().println("Unlinked " + printerId + ": its agent stops using its token and opens a new discovery window.");
    return ExitCodes.OK;
  }
}
