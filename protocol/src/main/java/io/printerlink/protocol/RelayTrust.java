package io.printerlink.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * How the agent and the client trust a relay: the system trust store by default, or exactly the
 * certificates in a PEM file ({@code --relay-ca}) for a self-hosted relay. Also the rule that a
 * plain-http relay URL must point at this machine unless the user says {@code --insecure}, and
 * plain-language descriptions of TLS failures. JDK only, so both programs share it.
 */
public final class RelayTrust {
  private final KeyStore trustStore;
  private final boolean insecure;

  private RelayTrust(KeyStore trustStore, boolean insecure) {
    this.trustStore = trustStore;
    this.insecure = insecure;
  }

  /** The system trust store; plain http only to loopback. */
  public static RelayTrust system() {
    return new RelayTrust(null, false);
  }

  /**
   * Trust exactly the certificates in {@code pemFile} (one or more PEM blocks).
   *
   * @throws IllegalArgumentException with a message naming the file when it is missing or holds no certificate
   */
  public static RelayTrust fromPem(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("relay CA file " + pemFile + " holds no certificate");
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        ks.setCertificateEntry("relay-ca-" + i++, c);
      }
      return new RelayTrust(ks, false);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("relay CA file " + pemFile + " does not exist");
    } catch (CertificateException e) {
      throw new IllegalArgumentException("relay CA file " + pemFile + " is not a PEM certificate");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("relay CA file " + pemFile + " could not be read: " + e.getClass().getSimpleName());
    }
  }

  /** The same trust, also allowing plain http to hosts other than this machine. */
  public RelayTrust allowInsecure(boolean allow) {
    return new RelayTrust(trustStore, allow);
  }

  /** The certificates to trust instead of the system's; empty: the system trust store. */
  public Optional<KeyStore> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  public boolean insecure() {
    return insecure;
  }

  /**
   * Refuses a plain-http relay URL whose host is not this machine, unless insecure is allowed:
   * session tokens, proofs and printer tokens would cross the network in clear.
   *
   * @throws IllegalArgumentException naming the host and the way out
   */
  public void checkRelayUrl(URI relay) {
    String scheme = relay.getScheme() == null ? "" : relay.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !insecure && !isLoopback(relay.getHost())) {
      throw new IllegalArgumentException("refusing plain http to " + relay.getHost()
          + ": tokens would cross the network unencrypted; use an https:// relay URL, or --insecure to allow it");
    }
  }

  /** Whether {@code host} names this machine (localhost or a loopback literal); never does a DNS lookup. */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    return NetworkAddresses.parseLiteral(h).map(InetAddress::isLoopbackAddress).orElse(false);
  }

  /**
   * A plain-language reason when {@code failure} (or a cause) is a TLS failure, e.g. an untrusted
   * or mismatched relay certificate; empty for other failures.
   */
  public static Optional<String> describeTlsFailure(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 12; depth++) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (m.contains("No subject alternative") || m.contains("No name matching")) {
        return Optional.of("the relay's TLS certificate does not match its host name");
      }
      if (m.contains("PKIX path") || m.contains("unable to find valid certification path")
          || t instanceof java.security.cert.CertPathValidatorException
          || t instanceof java.security.cert.CertPathBuilderException) {
        return Optional.of("the relay's TLS certificate is not trusted (self-hosted relay? give its CA with --relay-ca FILE)");
      }
      if (t instanceof SSLHandshakeException || t instanceof SSLException) {
        Optional<String> deeper = t.getCause() == null ? Optional.empty() : describeTlsFailure(t.getCause());
        return Optional.of(deeper.orElse("TLS handshake with the relay failed (" + m + ")"));
      }
      t = t.getCause();
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "RelayTrust[" + (trustStore == null ? "system" : "pinned CA file") + (insecure ? ", insecure http allowed" : "") + "]";
  }
}
