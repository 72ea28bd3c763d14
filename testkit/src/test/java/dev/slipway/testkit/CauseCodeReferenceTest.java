package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Operators look a cause code up in docs/reference/causes.md, so every code the main code throws
 * has a row there (issue #19). Codes are found as written at the throw: {@code new
 * SlipwayException(KIND, "CODE", …)}, the archive reader's {@code ArchiveRefusal.of("CODE", …)} and
 * doctor's {@code usage("CODE", …)}; the classifier's codes are checked by ExitCodeTableTest.
 */
class CauseCodeReferenceTest {
  private static final List<Pattern> THROWS = List.of(
      Pattern.compile("new SlipwayException\\(\\s*(?:FailureKind\\.)?\\w+,\\s*\"([A-Z][A-Z0-9_]+)\""),
      Pattern.compile("ArchiveRefusal\\.of\\(\\s*\"([A-Z][A-Z0-9_]+)\""),
      Pattern.compile("\\busage\\(\\s*\"([A-Z][A-Z0-9_]+)\""));

  @Test
  void everyCauseCodeTheCodeThrowsHasARowInTheReference() throws IOException {
    Set<String> codes = thrownCodes(ExampleApp.repoRoot());
    String reference = ReferenceDocs.read("causes.md");

    assertThat(codes).as("codes found in main code").hasSizeGreaterThan(50).contains("NO_LOCKFILE", "CORRUPT_TAR");
    assertThat(codes).filteredOn(code -> !reference.contains("`" + code + "`")).isEmpty();
  }

  private static Set<String> thrownCodes(Path root) throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> modules = Files.list(root); Stream<Path> files = modules
        .map(module -> module.resolve("src/main/java"))
        .filter(Files::isDirectory)
        .flatMap(CauseCodeReferenceTest::javaFiles)) {
      for (Path file : files.toList()) {
        String source = Files.readString(file);
        for (Pattern pattern : THROWS) {
          Matcher code = pattern.matcher(source);
          while (code.find()) {
            codes.add(code.group(1));
          }
        }
      }
    }
    return codes;
  }

  private static Stream<Path> javaFiles(Path sources) {
    try {
      return Files.walk(sources).filter(file -> file.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
