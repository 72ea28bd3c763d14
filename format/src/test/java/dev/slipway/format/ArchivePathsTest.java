package dev.slipway.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The path rules on their own (the hostile-archive suite checks them inside whole archives). */
class ArchivePathsTest {
  @Test
  void refusesALoneSurrogateWhichHasNoUtf8FormButAcceptsAPair() {
    assertThat(ArchivePaths.problem("a\ud800.txt")).hasValue("unpaired UTF-16 surrogate in path");
    assertThat(ArchivePaths.problem("a\udc00")).hasValue("unpaired UTF-16 surrogate in path");
    assertThat(ArchivePaths.problem("emoji-\ud83d\ude00.png")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b.txt", ".next/server/app/page.js", "...", "a/..b/c..", ".env.example", "a/.x"})
  void acceptsRelativePathsOfNamedSegments(String path) {
    assertThat(ArchivePaths.problem(path)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a//b|empty path segment",
      "a/|empty path segment",
      "./a|'.' segment",
      "a/.|'.' segment",
      "a/../b|'..' segment",
      "..|'..' segment",
      "/a|absolute path",
      "a\\b|backslash in path (a Windows separator)",
      "C:/a|drive-letter path",
  })
  void namesWhatIsWrongWithAPath(String path, String problem) {
    assertThat(ArchivePaths.problem(path)).contains(problem);
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 256})
  void boundsTheLengthOfOneSegment(int length) {
    assertThat(ArchivePaths.problem("a/" + "s".repeat(length) + "/b").isPresent()).isEqualTo(length > 255);
  }

  @ParameterizedTest
  @CsvSource({
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,true",
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855,false",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85,false",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g,false",
  })
  void aSha256IsSixtyFourLowerCaseHexDigits(String value, boolean hex) {
    assertThat(Sha256.isHex(value)).isEqualTo(hex);
  }
}
