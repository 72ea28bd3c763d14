# Sourced by bench/run for --only bundle (issue #23): the Linux release bundle against the jar launcher.
# Uses bench/run's helpers (say, timed, median, maxcol, cpu, mb, ratio, row, note) and its HERE, WORK, RUNS,
# BUILD, INSTALLER and LOG. Targets: the bundle at most 60 MB compressed, and `installer --version` from it
# (its jlink runtime, without the checkout's class-data archive) within 1.2x of bin/installer's.
if [ "$BUILD" = 1 ]; then
  say "building the release bundles (mvn -pl dist -am package)"
  (cd "$HERE" && mvn -q -B -pl dist -am -DskipTests package) >> "$LOG" 2>&1 || note "the bundles do not build (see $LOG)"
fi
TGZ=$(ls "$HERE"/dist/target/slipway-*-linux-x64.tar.gz 2>/dev/null | head -n 1)
if [ -z "$TGZ" ]; then
  note "no dist/target/slipway-*-linux-x64.tar.gz: bundle measurements skipped"
else
  # Not under a path with a space: there JDK 17 ignores the class-data archive (bin/launcher.sh).
  UNPACKED="$WORK/bundle"
  rm -rf "$UNPACKED"
  mkdir -p "$UNPACKED"
  tar xzf "$TGZ" -C "$UNPACKED"
  BUNDLED_INSTALLER=$(ls -d "$UNPACKED"/slipway-*/bin/installer)
  # The first run in a new folder makes the installer's class-data archive (bin/launcher.sh): not timed.
  "$BUNDLED_INSTALLER" --version >> "$LOG" 2>&1 || note "bundle: the bundled installer failed (see $LOG)"
  V_BUNDLE="$WORK/.version.bundle"; V_JAR="$WORK/.version.jar"
  : > "$V_BUNDLE"; : > "$V_JAR"
  say "bundle: installer --version, $RUNS runs each, interleaved"
  for i in $(seq "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then
      timed "$V_BUNDLE" "$BUNDLED_INSTALLER" --version || true; timed "$V_JAR" "$INSTALLER" --version || true
    else
      timed "$V_JAR" "$INSTALLER" --version || true; timed "$V_BUNDLE" "$BUNDLED_INSTALLER" --version || true
    fi
  done
  O=$(median "$V_BUNDLE" 1); J=$(median "$V_JAR" 1)
  row "bundle | \`installer --version\`: Linux bundle (jlink runtime, class-data archive made by its first run) vs \`bin/installer\` (build JDK, the jar's class-data archive) | $O | $J | **$(ratio "$O" "$J")×** | ≤ 1.20× | $(mb "$(median "$V_BUNDLE" 2)") / $(mb "$(maxcol "$V_BUNDLE" 2)") | $(mb "$(maxcol "$V_JAR" 2)") | $(cpu "$V_BUNDLE") / $(cpu "$V_JAR")"
  SIZE_BYTES=$(stat -c %s "$TGZ")
  row "bundle | Linux bundle size, compressed: $(basename "$TGZ") (bytes) | $SIZE_BYTES | 62914560 | **$(ratio "$SIZE_BYTES" 1048576 1) MB** | ≤ 60 MB | | |"
  [ "$(failures "$V_BUNDLE")" = 0 ] || note "bundle: $(failures "$V_BUNDLE") runs of the bundled installer failed (see $LOG)"
  rm -rf "$UNPACKED"
fi
