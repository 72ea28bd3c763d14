package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the user docs (README.md, CHANGELOG.md, docs/**) leads somewhere: the file
 * exists and, for {@code file.md#anchor}, the file has that heading. docs/code-map.md links to the
 * classes, so a class that moves without the map moving with it fails here (issue #19).
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyRelativeLinkOfTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
    Path root = ExampleApp.repoRoot();
    List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CHANGELOG.md")));
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path doc : docs) {
      Matcher link = LINK.matcher(Files.readString(doc));
      while (link.find()) {
        String target = link.group(1);
        if (!target.matches("^[a-z]+:.*")) {
          problem(doc, target).ifPresent(why -> broken.add(root.relativize(doc) + ": " + target + " (" + why + ")"));
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  private static Optional<String> problem(Path doc, String target) throws IOException {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
    if (!Files.exists(file)) {
      return Optional.of("no such file");
    }
    if (hash < 0 || !file.toString().endsWith(".md")) {
      return Optional.empty();
    }
    String anchor = target.substring(hash + 1);
    boolean found = Files.readAllLines(file).stream()
        .filter(line -> line.startsWith("#"))
        .anyMatch(line -> slug(line.replaceFirst("^#+\\s*", "")).equals(anchor));
    return found ? Optional.empty() : Optional.of("no heading #" + anchor);
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
