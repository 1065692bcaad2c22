package io.printerlink.relay.printers;

import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AuditLog;
import io.printerlink.relay.store.PrinterRecord;
import io.printerlink.relay.store.PrinterStore;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An account's printers: list, rename and unlink (revoke). */
public final class PrinterService {
  private static final Logger LOG = LoggerFactory.getLogger(PrinterService.class);

  private final PrinterStore store;
  private final PrinterSockets sockets;
  private final AuditLog audit;

  public PrinterService(PrinterStore store, PrinterSockets sockets, AuditLog audit) {
    this.store = store;
    this.sockets = sockets;
    this.audit = audit;
  }

  public PrintersResponse list(Account account) {
    List<PrinterView> out = new ArrayList<>();
    for (PrinterRecord p : store.activeOf(account.id())) {
      out.add(view(p));
    }
    return new PrintersResponse(out);
  }

  /** Renames an ACTIVE printer of this account; 404 for none or another account's. */
  public PrinterView rename(Account account, String printerId, String name) {
    PrinterRecord renamed = store.rename(account.id(), printerId, name).orElseThrow(() -> ApiException.notFound("printer"));
    LOG.info("printer {} renamed by account {}", printerId, account.id());
    return view(renamed);
  }

  private PrinterView view(PrinterRecord p) {
    return new PrinterView(p.id(), p.name(), p.model(), sockets.isOnline(p.id()),
        DateTimeFormatter.ISO_INSTANT.format(p.createdAt().truncatedTo(ChronoUnit.SECONDS)));
  }

  /** Revokes the printer's token and closes its socket; 404 for none or another account's. */
  public void revoke(Account account, String printerId) {
    if (!store.revoke(account.id(), printerId)) {
      throw ApiException.notFound("printer");
    }
    sockets.revoked(printerId, account.id());
    audit.record(AuditLog.PRINTER_REVOKED, account.id(), null, printerId);
    LOG.info("printer {} unlinked by account {}", printerId, account.id());
  }
}
