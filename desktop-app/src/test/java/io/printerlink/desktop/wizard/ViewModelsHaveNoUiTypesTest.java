package io.printerlink.desktop.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** MVVM rule: view-models (and what they use) never touch scenes or stages, so they test without a toolkit. */
class ViewModelsHaveNoUiTypesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/printerlink/desktop/wizard");

  @Test
  void viewModelsImportNeitherJavafxSceneNorStage() throws Exception {
    List<Path> viewModels;
    try (Stream<Path> files = Files.list(SOURCES)) {
      viewModels = files.filter(p -> p.getFileName().toString().endsWith("ViewModel.java")).collect(Collectors.toList());
    }
    assertThat(viewModels).hasSizeGreaterThanOrEqualTo(7);
    for (Path vm : viewModels) {
      assertThat(Files.readString(vm)).as(vm.getFileName().toString())
          .doesNotContain("javafx.scene").doesNotContain("javafx.stage").doesNotContain("javafx.application");
    }
  }
}
