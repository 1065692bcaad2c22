package io.printerlink.relay.linking;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.printers.PrinterSockets;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AuditLog;
import io.printerlink.relay.store.PrinterRecord;
import io.printerlink.relay.store.PrinterStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-16, "already linked, stale tokens": an agent that lost its printer token but kept its
 * {@code link.json} announces the printer it was ({@code formerPrinterId}). The rule:
 *
 * <ul>
 *   <li>The claim counts only while that printer is ACTIVE and <em>offline</em> (no socket with
 *       its token). A printer that is online still holds its token, so a claim on it is false and
 *       is ignored: nobody can use a known printer id to take over or revoke a working printer.
 *   <li>A link request from <em>another</em> account is refused before any {@code verify} is sent,
 *       with 409 {@code ALREADY_LINKED} and a message that names no account or printer; the window
 *       stays open for the owner.
 *   <li>The owner's link goes ahead; when it reaches LINKED the old printer is revoked in the same
 *       transaction, so the account keeps exactly one ACTIVE printer for that device.
 * </ul>
 *
 * The claim is not a credential: it can only narrow who may link the agent, or retire a printer
 * of the very account that is linking it. Deleting the whole state folder (a factory reset)
 * drops the claim, as physical access to the printer is what the LAN link trusts anyway.
 */
public final class FormerPrinters {
  private static final Logger LOG = LoggerFactory.getLogger(FormerPrinters.class);
  static final String ALREADY_LINKED_MESSAGE = "this printer is still linked to another account; "
      + "it must be unlinked there first, or the printer reset";

  private final PrinterStore printers;
  private final PrinterSockets sockets;
  private final AuditLog audit;

  public FormerPrinters(PrinterStore printers, PrinterSockets sockets, AuditLog audit) {
    this.printers = printers;
    this.sockets = sockets;
    this.audit = audit;
  }

  /**
   * The printer of {@code account} that linking this announce will replace, or null. Throws 409
   * {@code ALREADY_LINKED} when the claimed printer belongs to another account.
   */
  String replaced(Account account, Announce announce) {
    if (announce == null || announce.formerPrinterId() == null) {
      return null;
    }
    Optional<PrinterRecord> former = printers.byId(announce.formerPrinterId())
        .filter(p -> PrinterRecord.ACTIVE.equals(p.state()));
    if (former.isEmpty() || sockets.isOnline(former.get().id())) {
      LOG.info("former printer claim of instance {} ignored: not an active, offline printer", announce.instanceId());
      return null;
    }
    if (!former.get().accountId().equals(account.id())) {
      audit.record(AuditLog.LINK_OUTCOME, account.id(), null, "ALREADY_LINKED " + announce.instanceId());
      LOG.info("link of instance {} by account {} refused: the agent is still linked to another account",
          announce.instanceId(), account.id());
      throw new ApiException(409, ErrorCodes.ALREADY_LINKED, ALREADY_LINKED_MESSAGE);
    }
    return former.get().id();
  }

  /** The owner's relink reached LINKED and the old row is REVOKED: close its socket, audit. */
  void revoked(String printerId, String accountId) {
    sockets.revoked(printerId, accountId);
    audit.record(AuditLog.PRINTER_REVOKED, accountId, null, printerId + " replaced by a relink");
    LOG.info("printer {} of account {} revoked: the same agent was linked again", printerId, accountId);
  }
}
