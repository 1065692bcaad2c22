package io.printerlink.relay;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS for the relay: loads the PKCS12 keystore itself (the password stays a {@link Secret} and a
 * wiped char array, never a String) and hands Jetty a ready SSL context. TLS 1.2 and 1.3 only
 * (Jetty's defaults already exclude weak ciphers).
 */
final class RelayTls {
  private RelayTls() {}

  static SslContextFactory.Server serverContext(RelayConfig config) {
    Path file = config.tlsKeystore().orElseThrow();
    Secret password = config.tlsKeystorePassword().orElseThrow();
    byte[] pw = password.bytes(SecretAccess.REVEAL);
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(pw));
    char[] chars = new char[decoded.remaining()];
    decoded.get(chars);
    Arrays.fill(decoded.array(), '\0');
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, chars);
      if (!hasKey(ks)) {
        throw new IllegalStateException("TLS keystore " + file + " holds no private key: it needs the relay's key and "
            + "certificate chain (openssl pkcs12 -export -in fullchain.pem -inkey privkey.pem ...)");
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, chars);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, config.random());
      SslContextFactory.Server f = new SslContextFactory.Server();
      f.setSslContext(ctx);
      f.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      return f;
    } catch (IOException | GeneralSecurityException e) {
      // The message is the whole story (the operator sees only it): no cause with pages of crypto detail.
      throw new IllegalStateException("TLS keystore " + file + " could not be loaded: " + reason(e));
    } finally {
      Arrays.fill(pw, (byte) 0);
      Arrays.fill(chars, '\0');
    }
  }

  private static boolean hasKey(KeyStore ks) throws java.security.KeyStoreException {
    for (String alias : java.util.Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        return true;
      }
    }
    return false;
  }

  /** In words: a wrong password, or not a PKCS12 file (the JDK says either in several ways). */
  static String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof java.security.UnrecoverableKeyException || t instanceof javax.crypto.BadPaddingException
          || m.contains("password was incorrect")) {
        return "wrong password (check --tls-keystore-password-file or " + "PRINTERLINK_RELAY_TLS_KEYSTORE_PASSWORD)";
      }
    }
    if (e instanceof java.nio.file.FileSystemException) {
      java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) e;
      return f.getReason() != null ? f.getReason() : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e.getClass().getSimpleName();
    }
    return "not a PKCS12 keystore with a key and its certificate (" + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
  }

  /** The https flavour of {@code http}: marks requests secure; no SNI host check (one certificate). */
  static HttpConfiguration secure(HttpConfiguration http) {
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer src = new SecureRequestCustomizer();
    src.setSniHostCheck(false);
    https.addCustomizer(src);
    return https;
  }
}
