package io.printerlink.desktop.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the wizard remembers: the token alone, in a file only the user can read (T13). */
class WizardSettingsTest {
  @TempDir Path dir;

  @Test
  void firstRunIsTheEmbeddedRelay() {
    assertThat(new WizardSettings(dir.resolve("none")).load()).isEqualTo(WizardSettings.Saved.FIRST_RUN);
  }

  @Test
  void choiceSurvivesARestart() throws Exception {
    WizardSettings.Saved saved = new WizardSettings.Saved(false, "https://relay.example.org", "alice", "acc_1");
    new WizardSettings(dir).save(saved);

    assertThat(new WizardSettings(dir).load()).isEqualTo(saved);
  }

  @Test
  void tokenFileIsMode0600InAFolderOnlyTheUserCanEnter_T13() throws Exception {
    Path folder = dir.resolve("config");
    new WizardSettings(folder).saveToken(Secret.fromText("session-token-value"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(WizardSettings.TOKEN_FILE))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    assertThat(new WizardSettings(folder).loadToken()).hasValueSatisfying(
        t -> assertThat(t.text(SecretAccess.REVEAL)).isEqualTo("session-token-value"));
  }

  @Test
  void aFolderMadeEarlierByTheDemoRelayIsClosedToOthersWhenTheTokenIsSaved_T13() throws Exception {
    Path folder = dir.resolve("config");
    Files.createDirectories(folder.resolve("embedded-relay"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

    new WizardSettings(folder).saveToken(Secret.fromText("session-token-value"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
  }

  @Test
  void settingsFileNeverHoldsTheToken_T13() throws Exception {
    WizardSettings s = new WizardSettings(dir);
    s.saveToken(Secret.fromText("session-token-value"));
    s.save(new WizardSettings.Saved(false, "https://relay.example.org", "alice", "acc_1"));

    assertThat(Files.readString(dir.resolve(WizardSettings.SETTINGS_FILE))).doesNotContain("session-token-value");
  }

  @Test
  void forgetTokenDeletesIt() throws Exception {
    WizardSettings s = new WizardSettings(dir);
    s.saveToken(Secret.fromText("session-token-value"));

    s.forgetToken();

    assertThat(s.loadToken()).isEmpty();
    assertThat(dir.resolve(WizardSettings.TOKEN_FILE)).doesNotExist();
  }

  @Test
  void unreadableSettingsFallBackToTheFirstRun() throws Exception {
    Files.writeString(dir.resolve(WizardSettings.SETTINGS_FILE), "relayUrl=\\u12");

    assertThat(new WizardSettings(dir).load()).isEqualTo(WizardSettings.Saved.FIRST_RUN);
  }
}
