package io.printerlink.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .deb} the installer profile built, read with {@code dpkg-deb} as apt would: package
 * name and version, an extended description, the dependencies JavaFX needs, and a menu entry named
 * "PrinterLink" in Utility with PrinterLink's icon. Runs in {@code -Pinstaller} at {@code verify}, after the
 * package exists ({@code printerlink.deb} names it).
 */
class DebPackageTest {
  private final Path deb = Path.of(required("printerlink.deb"));

  @Test
  void controlFieldsNameVersionDescriptionAndDependencies() throws Exception {
    assertThat(dpkgDeb("-f", deb.toString(), "Package").strip()).isEqualTo("printerlink");
    assertThat(dpkgDeb("-f", deb.toString(), "Version").strip()).isEqualTo(required("printerlink.appVersion") + "-1");
    assertThat(dpkgDeb("-f", deb.toString(), "Section").strip()).isEqualTo("utils");
    assertThat(dpkgDeb("-f", deb.toString(), "Depends")).contains("libgtk-3-0", "libxtst6", "xdg-utils");

    List<String> description = dpkgDeb("-f", deb.toString(), "Description").strip().lines().toList();
    assertThat(description.get(0)).startsWith("Links a 3D printer");
    assertThat(description).as("extended description").hasSizeGreaterThan(1);
  }

  @Test
  void menuEntryIsNamedPrinterLinkWithItsIconAndLauncher(@TempDir Path root) throws Exception {
    dpkgDeb("-x", deb.toString(), root.toString());
    Path desktop = root.resolve("opt/printerlink/lib/printerlink-printerlink.desktop");

    List<String> entry = Files.readAllLines(desktop);

    assertThat(entry).contains("[Desktop Entry]", "Name=PrinterLink", "Exec=/opt/printerlink/bin/printerlink",
        "Icon=/opt/printerlink/lib/printerlink.png", "Categories=Utility", "Type=Application");
    assertThat(entry).noneMatch(l -> l.contains("APPLICATION_") || l.contains("DESKTOP_MIMES") || l.equals("MimeType=MimeType="));
    // PrinterLink's icon, not jpackage's default Java icon (what a .deb made from an app-image gets without --icon)
    assertThat(root.resolve("opt/printerlink/lib/printerlink.png")).hasSameBinaryContentAs(Path.of(required("printerlink.icon")));
    assertThat(root.resolve("opt/printerlink/bin/printerlink")).isExecutable();
    assertThat(dpkgDeb("-I", deb.toString(), "postinst")).contains("xdg-desktop-menu install " + "/opt/printerlink/lib/printerlink-printerlink.desktop");
  }

  private static String dpkgDeb(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("dpkg-deb"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("dpkg-deb %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(property + " is not set: run with -Pinstaller ... verify (see packaging/README.md)");
    }
    return v;
  }
}
