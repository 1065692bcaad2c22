package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void localSecretIs32CharsFromTheAlphabet() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Secret s = Secrets.newLocalSecret(random);
      assertThat(Secrets.isLocalSecretShape(s)).isTrue();
      seen.add(s.text(SecretAccess.REVEAL));
    }
    assertThat(seen).hasSize(200);
  }

  @Test
  void tokenIs43Base64UrlChars() {
    String t = Secrets.newToken(random).text(SecretAccess.REVEAL);
    assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void toStringNeverRevealsAndCopiesAreDefensive() {
    Secret s = Secret.fromText("hunter2hunter2");
    assertThat(s.toString()).isEqualTo("Secret[redacted]");
    byte[] out = s.bytes(SecretAccess.REVEAL);
    out[0] = 'X';
    assertThat(s.text(SecretAccess.REVEAL)).isEqualTo("hunter2hunter2");
    byte[] in = "abc".getBytes();
    Secret c = Secret.copyOf(in);
    in[0] = 'z';
    assertThat(c.text(SecretAccess.REVEAL)).isEqualTo("abc");
  }

  @Test
  void everySingleBitFlipComparesUnequal() {
    byte[] base = Secrets.newToken(random).bytes(SecretAccess.REVEAL);
    Secret a = Secret.copyOf(base);
    for (int i = 0; i < base.length * 8; i++) {
      byte[] flipped = base.clone();
      flipped[i / 8] ^= (byte) (1 << (i % 8));
      assertThat(a.equalsSecret(Secret.copyOf(flipped))).isFalse();
    }
    assertThat(a.equalsSecret(Secret.copyOf(base))).isTrue();
  }

  @Test
  void nullAccessIsRefused() {
    assertThatThrownBy(() -> Secret.fromText("x").bytes(null)).isInstanceOf(SecurityException.class);
  }

  @Test
  void sha256HexOfKnownValue() {
    assertThat(Secrets.sha256Hex(Secret.fromText("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
