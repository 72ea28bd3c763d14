package dev.slipway.installer.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a doctor run must not leave behind: processes, or any change in the release. */
final class Leftovers {
  private Leftovers() {}

  static void assertNoChildProcessesLeft() {
    assertThat(Processes.descendantsAliveAfter(Duration.ofSeconds(5)))
        .as("processes started by the doctor and still running").isEmpty();
  }

  /** Removes the output a failed entry check kept in a temporary folder (named at the end of its fix). */
  static void deleteKeptLog(CheckResult entry) throws IOException {
    deleteKeptLog(String.valueOf(entry.fix()));
  }

  static void deleteKeptLog(String text) throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("the app's output is in (\\S+entry\\.log)").matcher(text);
    while (m.find()) {
      Path log = Path.of(m.group(1));
      Files.deleteIfExists(log);
      Files.deleteIfExists(log.getParent());
    }
  }

  /** Every path under {@code dir} (links not followed) with its size and modification time. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.toList()) {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        files.put(dir.relativize(path).toString(), attrs.size() + " " + attrs.lastModifiedTime());
      }
    }
    return files;
  }
}
