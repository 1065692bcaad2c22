package io.printerlink.relay.accounts;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.SignInRequest;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.http.ApiExchange;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;

/** {@code /api/v1/accounts} and {@code /api/v1/sessions}. */
public final class AccountEndpoints {
  private final AccountService accounts;

  public AccountEndpoints(AccountService accounts) {
    this.accounts = accounts;
  }

  public void register(ApiHandler.Builder routes) {
    routes.post("/api/v1/accounts", this::createAccount);
    routes.post("/api/v1/sessions", this::signIn);
    routes.delete("/api/v1/sessions/current", this::signOut);
  }

  private Reply createAccount(ApiExchange ex) throws Exception {
    return Reply.created(accounts.create(ex.body(CreateAccountRequest.class), ex.networkKey()));
  }

  private Reply signIn(ApiExchange ex) throws Exception {
    return Reply.created(accounts.signIn(ex.body(SignInRequest.class), ex.networkKey()));
  }

  private Reply signOut(ApiExchange ex) throws Exception {
    Secret token = ex.bearer().orElseThrow(ApiException::unauthorized);
    ex.noBody();
    accounts.signOut(token);
    return Reply.noContent();
  }
}
