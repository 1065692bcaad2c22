package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.api.RenamePrinterRequest;
import io.printerlink.protocol.api.SessionResponse;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PATCH /api/v1/printers/{id}}: the owner renames a linked printer; nobody else can. */
class PrinterRenameTest {
  @TempDir Path dir;
  TestRelay t;
  SessionResponse owner;

  @BeforeEach
  void start() throws Exception {
    t = TestRelay.start(dir);
    owner = t.signUp();
    insertPrinter("prn_active", owner.accountId(), "ACTIVE");
  }

  @AfterEach
  void stop() throws Exception {
    t.close();
  }

  private void insertPrinter(String id, String accountId, String state) throws Exception {
    try (Connection c = t.db()) {
      c.createStatement().executeUpdate("INSERT INTO printers (id, account_id, name, model, token_hash, state, link_request_id, created_at) "
          + "VALUES ('" + id + "', '" + accountId + "', 'octopi', 'MK4', '" + id.hashCode() + "0".repeat(50) + "', '" + state
          + "', NULL, CURRENT_TIMESTAMP)");
    }
  }

  private TestRelay.Resp rename(String id, String token, Object body) throws Exception {
    return t.call("PATCH", "/api/v1/printers/" + id, token, body);
  }

  @Test
  void ownerRenamesAndMyPrintersShowsTheNewName() throws Exception {
    TestRelay.Resp r = rename("prn_active", TestRelay.token(owner), new RenamePrinterRequest("  Workshop MK4 "));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.as(PrinterView.class).name()).isEqualTo("Workshop MK4");
    PrintersResponse list = t.call("GET", "/api/v1/printers", TestRelay.token(owner), null).as(PrintersResponse.class);
    assertThat(list.printers()).extracting(PrinterView::name).containsExactly("Workshop MK4");
  }

  @Test
  void blankNameIsRefused() throws Exception {
    TestRelay.Resp r = rename("prn_active", TestRelay.token(owner), "{\"name\":\"   \"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void nameOverTheLimitIsRefused() throws Exception {
    TestRelay.Resp r = rename("prn_active", TestRelay.token(owner),
        "{\"name\":\"" + "x".repeat(RenamePrinterRequest.MAX_NAME + 1) + "\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(ErrorCodes.INVALID_FIELD);
  }

  @Test
  void anotherAccountsPrinterIsNotFound() throws Exception {
    TestRelay.Resp r = rename("prn_active", TestRelay.token(t.signUp()), new RenamePrinterRequest("mine now"));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_FOUND);
    assertThat(t.call("GET", "/api/v1/printers", TestRelay.token(owner), null).as(PrintersResponse.class).printers())
        .extracting(PrinterView::name).containsExactly("octopi");
  }

  @Test
  void revokedPrinterIsNotFound() throws Exception {
    insertPrinter("prn_revoked", owner.accountId(), "REVOKED");

    TestRelay.Resp r = rename("prn_revoked", TestRelay.token(owner), new RenamePrinterRequest("back"));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_FOUND);
  }

  @Test
  void renameWithoutSessionIsUnauthorized() throws Exception {
    TestRelay.Resp r = rename("prn_active", null, new RenamePrinterRequest("anon"));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo(ErrorCodes.UNAUTHORIZED);
  }
}
