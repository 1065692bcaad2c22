package io.printerlink.relay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseUrlTest {
  @TempDir Path data;

  @Test
  void fileUrlLeavesClosingToTheRelayNotToH2sExitHook() {
    assertThat(Database.fileUrl(data)).contains(";DB_CLOSE_ON_EXIT=FALSE").contains(";TRACE_LEVEL_FILE=0");
  }

  /** The desktop's embedded relay appends the setting once more itself; H2 must still open it. */
  @Test
  void fileUrlWithTheSettingAppendedAgainStillOpens() throws Exception {
    Database db = new Database(data, Database.fileUrl(data) + ";DB_CLOSE_ON_EXIT=FALSE");
    db.start();
    try (Connection c = db.dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log")) {
      assertThat(rs.next()).isTrue();
    } finally {
      db.stop();
    }
  }
}
