package io.printerlink.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
  private static final String TOKEN_A = "A".repeat(43);
  private static final String TOKEN_B = "b_-".repeat(14) + "Z";
  @TempDir Path temp;

  private static StoredLink link(String token) {
    return new StoredLink(Secret.fromText(token), new LinkInfo("prn_1", "acc_1", "Ada"));
  }

  @Test
  void tokenFileIsOwnerReadWriteOnly_T13() throws Exception {
    TokenStore store = new TokenStore(temp.resolve("state"));
    store.save(link(TOKEN_A));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.tokenFile()))).isEqualTo("rw-------");
  }

  @Test
  void stateFolderIsCreatedOwnerOnly() throws Exception {
    TokenStore store = new TokenStore(temp.resolve("state"));
    store.save(link(TOKEN_A));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("state")))).isEqualTo("rwx------");
  }

  @Test
  void checkUsableMakesTheFolderOwnerOnlyAndLeavesItEmpty() throws Exception {
    TokenStore store = new TokenStore(temp.resolve("state"));
    store.checkUsable();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("state")))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(temp.resolve("state"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void checkUsableRefusesAFileWithItsName() throws Exception {
    Path file = Files.writeString(temp.resolve("state"), "x");
    assertThatThrownBy(() -> new TokenStore(file).checkUsable())
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("cannot use the state folder " + file + ": " + file + " exists and is not a folder");
  }

  @Test
  void saveReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(link(TOKEN_A));
    store.save(link(TOKEN_B));
    assertThat(Files.readString(store.tokenFile())).isEqualTo(TOKEN_B);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.tokenFile()))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("printer-token", "link.json");
    }
  }

  @Test
  void loadGivesBackTokenAndLinkInfo() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(link(TOKEN_A));
    StoredLink loaded = store.load().orElseThrow();
    assertThat(loaded.token().text(SecretAccess.REVEAL)).isEqualTo(TOKEN_A);
    assertThat(loaded.info()).contains(new LinkInfo("prn_1", "acc_1", "Ada"));
  }

  @Test
  void linkJsonHoldsNoToken() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(link(TOKEN_A));
    assertThat(Files.readString(temp.resolve("link.json")))
        .isEqualTo("{\"printerId\":\"prn_1\",\"accountId\":\"acc_1\",\"accountName\":\"Ada\"}");
  }

  @Test
  void loadIsEmptyWithoutTokenFile() throws Exception {
    assertThat(new TokenStore(temp.resolve("none")).load()).isEmpty();
  }

  @Test
  void loadIgnoresAFileThatIsNoToken() throws Exception {
    Files.write(temp.resolve("printer-token"), "not a token!".getBytes(StandardCharsets.UTF_8));
    assertThat(new TokenStore(temp).load()).isEmpty();
  }

  @Test
  void loadWithoutLinkJsonStillGivesTheToken() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(link(TOKEN_A));
    Files.delete(temp.resolve("link.json"));
    StoredLink loaded = store.load().orElseThrow();
    assertThat(loaded.info()).isEmpty();
  }

  @Test
  void wipeRemovesTokenAndLinkInfo() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(link(TOKEN_A));
    store.wipe();
    assertThat(store.load()).isEmpty();
    assertThat(temp.resolve("link.json")).doesNotExist();
  }

  @Test
  void aSecondRefusedTokenNeverReplacesTheFirst() throws Exception {
    TokenStore store = new TokenStore(temp, java.net.URI.create("http://127.0.0.1:8080"));
    store.save(link(TOKEN_A));
    assertThat(store.setAside()).contains(temp.resolve("printer-token.refused"));
    store.save(link(TOKEN_B));
    assertThat(store.setAside()).contains(temp.resolve("printer-token.refused-2"));

    assertThat(Files.readString(temp.resolve("printer-token.refused")).strip()).isEqualTo(TOKEN_A);
    assertThat(Files.readString(temp.resolve("printer-token.refused-2")).strip()).isEqualTo(TOKEN_B);
    assertThat(temp.resolve("link.json.refused")).exists();
    assertThat(temp.resolve("link.json.refused-2")).exists();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void aDamagedRelayRecordIsNotUsedToRefuseAStart() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(new StoredLink(Secret.fromText(TOKEN_A), new LinkInfo("prn_1", "acc_1", "Ada", "ftp://x")));
    assertThat(store.linkedRelay()).isEmpty();
    store.save(new StoredLink(Secret.fromText(TOKEN_A), new LinkInfo("prn_1", "acc_1", "Ada", "HTTP://relay.example/")));
    assertThat(store.linkedRelay()).contains("HTTP://relay.example/");
  }

  @Test
  void storedLinkToStringHidesTheToken_T13() {
    assertThat(link(TOKEN_A).toString()).doesNotContain(TOKEN_A);
  }

  @Test
  void lostTokenFileLeavesTheFormerPrinterId_C16() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(link("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
    assertThat(store.formerPrinterId()).as("a usable token: nothing to claim").isEmpty();

    Files.delete(store.tokenFile());

    assertThat(store.formerPrinterId()).contains("prn_1");
  }

  @Test
  void corruptTokenFileCountsAsLostSoTheOwnerRelinksInsteadOfDuplicating_C16() throws Exception {
    TokenStore store = new TokenStore(temp);
    store.save(link("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));

    Files.writeString(store.tokenFile(), "garbage!!\n");

    assertThat(store.load()).isEmpty();
    assertThat(store.formerPrinterId()).contains("prn_1");
  }
}
