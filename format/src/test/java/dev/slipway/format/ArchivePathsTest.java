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
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "public/con|'con' is the device CON on Windows, whatever its extension",
      ".next/server/app/aux.html|'aux.html' is the device AUX on Windows, whatever its extension",
      "public/NUL.tar.gz|'NUL.tar.gz' is the device NUL on Windows, whatever its extension",
      "public/Com1.png|'Com1.png' is the device COM1 on Windows, whatever its extension",
      "public/lpt9|'lpt9' is the device LPT9 on Windows, whatever its extension",
      "public/a./b.txt|'a.' ends with a dot, which Windows drops from a name",
  })
  void namesWhatAWindowsFileSystemCannotHold(String path, String problem) {
    assertThat(ArchivePaths.problem(path)).as("safe everywhere else").isEmpty();
    assertThat(ArchivePaths.windowsProblem(path)).hasValue(problem);
  }

  @Test
  void namesATrailingSpaceWhichWindowsDrops() {
    // Apart from the table above, where the CSV parser would trim it away.
    assertThat(ArchivePaths.problem("public/b.txt ")).isEmpty();
    assertThat(ArchivePaths.windowsProblem("public/b.txt ")).hasValue("'b.txt ' ends with a space, which Windows drops from a name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"public/console.js", "public/com.png", "public/com10.txt", "public/lpt.txt", "public/auxiliary/x.js",
      "public/null.svg", ".next/server/app/contact.html", "a/.x", "emoji-\ud83d\ude00.png"})
  void acceptsNamesThatOnlyStartLikeADevice(String path) {
    assertThat(ArchivePaths.windowsProblem(path)).isEmpty();
  }
}
