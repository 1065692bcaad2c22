package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RelayTrustTest {
  @Test
  void plainHttpToAnotherHostIsRefused() {
    assertThatThrownBy(() -> RelayTrust.system().checkRelayUrl(URI.create("http://relay.example.org")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusing plain http to relay.example.org: tokens would cross the network unencrypted; "
            + "use an https:// relay URL, or --insecure to allow it");
  }

  @Test
  void plainHttpToAPrivateAddressIsRefusedToo() {
    assertThatThrownBy(() -> RelayTrust.system().checkRelayUrl(URI.create("http://192.168.1.10:8080")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plainHttpToThisMachineIsAllowed() {
    for (String url : new String[] {"http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080", "http://127.0.0.5"}) {
      assertThatCode(() -> RelayTrust.system().checkRelayUrl(URI.create(url))).as(url).doesNotThrowAnyException();
    }
  }

  @Test
  void aHostNameThatLooksLoopbackIsNotTrusted() {
    assertThat(RelayTrust.isLoopback("localhost.evil.example")).isFalse();
    assertThat(RelayTrust.isLoopback("127.0.0.1.nip.io")).isFalse();
  }

  @Test
  void insecureAllowsPlainHttpAnywhere() {
    assertThatCode(() -> RelayTrust.system().allowInsecure(true).checkRelayUrl(URI.create("http://relay.example.org")))
        .doesNotThrowAnyException();
  }

  @Test
  void httpsIsAlwaysAccepted() {
    assertThatCode(() -> RelayTrust.system().checkRelayUrl(URI.create("https://relay.example.org")))
        .doesNotThrowAnyException();
  }

  @Test
  void untrustedCertificateIsDescribedPlainly() {
    Throwable failure = new SSLHandshakeException("PKIX path building failed");

    assertThat(RelayTrust.describeTlsFailure(new RuntimeException(failure)))
        .contains("the relay's TLS certificate is not trusted (self-hosted relay? give its CA with --relay-ca FILE)");
    assertThat(RelayTrust.describeTlsFailure(new CertPathValidatorException("x"))).isPresent();
  }

  @Test
  void hostNameMismatchIsDescribedPlainly() {
    Throwable failure = new SSLHandshakeException("No subject alternative DNS name matching relay.example.org found.");

    assertThat(RelayTrust.describeTlsFailure(failure)).contains("the relay's TLS certificate does not match its host name");
  }

  @Test
  void otherFailuresAreNotTls() {
    assertThat(RelayTrust.describeTlsFailure(new java.net.ConnectException("refused"))).isEmpty();
  }
}
