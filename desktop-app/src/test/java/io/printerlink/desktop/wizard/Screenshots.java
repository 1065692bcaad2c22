package io.printerlink.desktop.wizard;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a scene as a PNG: a JavaFX snapshot copied into an AWT image (no javafx-swing needed). */
final class Screenshots {
  private Screenshots() {}

  /** Call on the FX thread. */
  static void save(Scene scene, Path file) throws IOException {
    WritableImage image = scene.snapshot(null);
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int[] argb = new int[w * h];
    PixelReader reader = image.getPixelReader();
    reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, argb, 0, w);
    Files.createDirectories(file.getParent());
    ImageIO.write(out, "png", file.toFile());
  }
}
