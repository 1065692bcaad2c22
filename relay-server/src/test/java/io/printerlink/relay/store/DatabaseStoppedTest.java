package io.printerlink.relay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.relay.http.ErrorMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request still running when the relay stops its database gets 503 SHUTTING_DOWN, never a 500. */
class DatabaseStoppedTest {
  @TempDir Path data;

  @Test
  void workAfterTheStopIsRefusedAsShuttingDown() throws Exception {
    Database db = new Database(data);
    db.start();
    boolean answered = db.inTransaction(c -> c.createStatement().executeQuery("SELECT 1").next());
    assertThat(answered).isTrue();
    db.stop();

    assertThatThrownBy(() -> db.inTransaction(c -> c.createStatement().executeQuery("SELECT 1").next()))
        .isInstanceOfSatisfying(StoreStoppedException.class, e -> {
          ErrorMapper.Mapped m = new ErrorMapper().map(e, "GET", "/api/v1/printers");
          assertThat(m.status()).isEqualTo(503);
          assertThat(m.body().error()).isEqualTo(ErrorCodes.SHUTTING_DOWN);
          assertThat(m.body().message()).isEqualTo("the relay is shutting down; try again shortly");
        });
  }
}
