package io.printerlink.relay.printers;

import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.http.ApiExchange;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;

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
  }

  private Reply revoke(ApiExchange ex) {
    printers.revoke(accounts.authenticate(ex.bearer()), ex.pathParam("id"));
    return Reply.noContent();
  }
}
