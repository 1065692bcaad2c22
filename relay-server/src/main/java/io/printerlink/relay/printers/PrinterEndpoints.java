package io.printerlink.relay.printers;

import io.printerlink.protocol.api.RenamePrinterRequest;
import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.http.ApiExchange;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;
import io.printerlink.relay.store.Account;

/** {@code /api/v1/printers}. */
public final class PrinterEndpoints {
  private final AccountService accounts;
  private final PrinterService printers;

  public PrinterEndpoints(AccountService accounts, PrinterService printers) {
    this.accounts = accounts;
    this.printers = printers;
  }

  public void register(ApiHandler.Builder routes) {
    routes.get("/api/v1/printers", ex -> Reply.ok(printers.list(accounts.authenticate(ex.bearer()))));
    routes.delete("/api/v1/printers/{id}", this::revoke);
    routes.patch("/api/v1/printers/{id}", this::rename);
  }

  private Reply rename(ApiExchange ex) throws Exception {
    Account account = accounts.authenticate(ex.bearer());
    RenamePrinterRequest req = ex.body(RenamePrinterRequest.class);
    return Reply.ok(printers.rename(account, ex.pathParam("id"), req.name()));
  }

  private Reply revoke(ApiExchange ex) throws Exception {
    Account account = accounts.authenticate(ex.bearer());
    ex.noBody();
    printers.revoke(account, ex.pathParam("id"));
    return Reply.noContent();
  }
}
