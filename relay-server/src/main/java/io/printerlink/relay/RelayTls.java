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
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, chars);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, config.random());
      SslContextFactory.Server f = new SslContextFactory.Server();
      f.setSslContext(ctx);
      f.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      return f;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("TLS keystore " + file + " could not be loaded (is it PKCS12, and is the password right?): "
          + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(pw, (byte) 0);
      Arrays.fill(chars, '\0');
    }
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
