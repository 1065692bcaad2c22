package io.printerlink.relay.codes;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.api.AgentLinkCodeRequest;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.http.ApiExchange;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AuditLog;

/**
 * {@code POST /api/v1/link-codes} (client, signed in), {@code POST /api/v1/agent/link-code} and
 * {@code POST /api/v1/agent/token-stored} (agent). Unreadable agent bodies are audited like any
 * other refused redemption, then answered by the one error mapper.
 */
public final class CodeEndpoints {
  private final AccountService accounts;
  private final CodeService codes;
  private final AuditLog audit;

  public CodeEndpoints(AccountService accounts, CodeService codes, AuditLog audit) {
    this.accounts = accounts;
    this.codes = codes;
    this.audit = audit;
  }

  public void register(ApiHandler.Builder routes) {
    routes.post("/api/v1/link-codes", this::issue);
    routes.post("/api/v1/agent/link-code", this::redeem);
    routes.post("/api/v1/agent/token-stored", this::tokenStored);
  }

  private Reply issue(ApiExchange ex) throws Exception {
    Account account = accounts.authenticate(ex.bearer());
    ex.noBody();
    CodeService.Issued issued = codes.issue(account, ex.networkKey());
    return issued.fresh() ? Reply.created(issued.response()) : Reply.ok(issued.response());
  }

  private Reply redeem(ApiExchange ex) throws Exception {
    AgentLinkCodeRequest req = audited(ex, AgentLinkCodeRequest.class, "link-code");
    return Reply.created(codes.redeem(ex.networkKey(), req));
  }

  private Reply tokenStored(ApiExchange ex) throws Exception {
    var bearer = ex.bearer();
    if (bearer.isEmpty()) {
      audit.record(CodeService.AUDIT_CODE_REFUSED, null, ex.networkKey(), "token-stored " + ErrorCodes.UNAUTHORIZED);
      throw ApiException.unauthorized();
    }
    LinkRequestRef ref = audited(ex, LinkRequestRef.class, "token-stored");
    codes.acknowledge(ex.networkKey(), bearer.get(), ref.linkRequestId());
    return Reply.noContent();
  }

  private <T extends Record> T audited(ApiExchange ex, Class<T> type, String what) throws JsonInputException {
    try {
      return ex.body(type);
    } catch (JsonInputException e) {
      audit.record(CodeService.AUDIT_CODE_REFUSED, null, ex.networkKey(), what + " " + e.code());
      throw e;
    } catch (ApiException e) {
      audit.record(CodeService.AUDIT_CODE_REFUSED, null, ex.networkKey(), what + " " + e.code());
      throw e;
    }
  }
}
