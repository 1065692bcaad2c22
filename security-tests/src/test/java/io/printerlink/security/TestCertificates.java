package io.printerlink.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a throwaway relay certificate with the JDK's {@code keytool}: a PKCS12 keystore holding a
 * self-signed EC key for {@code localhost} / {@code 127.0.0.1}, and its certificate as PEM (what an
 * operator hands agents and clients with {@code --relay-ca}).
 */
public final class TestCertificates {
  public static final String PASSWORD = "test-keystore-pass";

  public final Path keystore;
  public final Path certPem;

  private TestCertificates(Path keystore, Path certPem) {
    this.keystore = keystore;
    this.certPem = certPem;
  }

  public static TestCertificates generate(Path dir, String name) throws IOException, InterruptedException {
    Path ks = dir.resolve(name + ".p12");
    Path pem = dir.resolve(name + ".pem");
    keytool("-genkeypair", "-alias", "relay", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "relay", "-keystore", ks.toString(), "-storepass", PASSWORD,
        "-file", pem.toString());
    return new TestCertificates(ks, pem);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool " + args[0] + " failed: " + out);
    }
  }
}
