# Sourced (not run) by bin/installer and bin/packager once they have followed their own link chain
# to the folder they really live in, BIN (issue #23). It finds the tool's jar and a Java, then runs it.
#
# Two layouts share these launchers:
#   - a release bundle (dist/): lib/slipway-TOOL.jar beside bin/, and in the Linux bundle a runtime/
#     made by jlink, which is used first so that a server needs no Java of its own;
#   - a checkout: TOOL/target/slipway-TOOL.jar, built with Maven on the first run.
# Java, outside the Linux bundle: JAVA_HOME first (what Maven and most tools honour), then PATH.

slipway_launch() {
  tool=$1
  shift
  home=$(cd "$BIN/.." && pwd -P)
  if [ -f "$home/lib/slipway-$tool.jar" ]; then
    jar="$home/lib/slipway-$tool.jar"
  else
    jar="$home/$tool/target/slipway-$tool.jar"
    if [ ! -f "$jar" ]; then
      echo "building Slipway (first run)..." >&2
      # Only the two tools: the release bundles (dist/) are not needed to run from a checkout.
      (cd "$home" && mvn -q -B -DskipTests -pl installer,packager -am package) >&2
    fi
  fi

  if [ -x "$home/runtime/bin/java" ]; then
    java="$home/runtime/bin/java"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
  elif java=$(command -v java 2>/dev/null) && [ -n "$java" ]; then
    :
  else
    # One line, and the exit code a shell gives a command it cannot find (docs/reference/exit-codes.md).
    echo "$tool: no Java found (${JAVA_HOME:+JAVA_HOME=$JAVA_HOME has no bin/java, }none on PATH): install Java 17 or newer, e.g. apt-get install openjdk-17-jre-headless (Debian, Ubuntu) or dnf install java-17-openjdk-headless (Fedora, RHEL), or use the Linux bundle, which brings its own" >&2
    exit 127
  fi

  # File names (issue #20): Java decodes file names with the locale's charset, and the JDK ignores
  # -Dsun.jnu.encoding on the command line, so under LC_ALL=C or no LANG at all (cron, containers) any
  # non-ASCII name (public/café.txt) failed with an InvalidPathException. A locale without UTF-8 is
  # replaced by C.UTF-8 for this run; -Dfile.encoding=UTF-8 makes file contents agree.
  case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
    *) LC_ALL=C.UTF-8; export LC_ALL ;;
  esac

  # Memory (issue #7, docs/BENCHMARKS.md): everything streams, so a small heap is enough. The serial
  # collector starts at 32 MB and grows the heap only when live data needs it; G1 with the same cap let
  # the heap grow to 256 MB under the allocation rate of a 1 GB archive, whatever the live data.
  # JIT (issue #7, docs/BENCHMARKS.md): a run lasts seconds, and C2 spent up to a third of its CPU
  # compiling, often code that had finished running. Inlining only methods of up to 50 bytecodes
  # (default 325) made its compiles cheaper: 1-1.5 CPU-s less and 10-20 MB less peak RSS (the
  # compiler's arenas) at both benchmark sizes, while the hot loops (SHA-256, zlib) are intrinsics
  # or native code that inlining does not touch.
  # Class-data sharing (issue #7): the build stores the classes a run loads in slipway-installer.jsa,
  # picocli's included, which saves a cold start about 0.2 s. A JVM that cannot use it (another Java build,
  # a jar rebuilt without it) starts without it; -Xlog:cds*=off keeps the JVM's notice about that off
  # stdout, which carries --json. -XX:+VerifySharedSpaces checks the archive's checksums first (a few
  # milliseconds): a damaged archive (a partial copy, a disk error) otherwise crashed the JVM with
  # SIGSEGV and its crash report on stdout, at every run; now it is ignored like a foreign one.
  cds="${jar%.jar}.jsa"
  if [ -f "${jar%.jar}.classlist" ]; then
    slipway_bundle_cds "$java" "$jar" "$cds"
  fi
  if [ -f "$cds" ]; then
    exec "$java" ${SLIPWAY_JAVA_OPTS:--Xmx256m -Xms32m -XX:+UseSerialGC -XX:FreqInlineSize=50} -Dfile.encoding=UTF-8 "-XX:SharedArchiveFile=$cds" -XX:+VerifySharedSpaces '-Xlog:cds*=off' -jar "$jar" "$@"
  fi
  exec "$java" ${SLIPWAY_JAVA_OPTS:--Xmx256m -Xms32m -XX:+UseSerialGC -XX:FreqInlineSize=50} -Dfile.encoding=UTF-8 -jar "$jar" "$@"
}

# Class-data sharing in a bundle (issue #23): the JVM takes an archive only for the jar path it was
# dumped with, and a bundle is unpacked anywhere, so the Linux bundle ships the list of classes its
# build recorded (lib/slipway-installer.classlist) and the first run in a lib/ it may write dumps
# the archive for the jar's path there (a second or two, once); JSA.path names the path it was made
# for, so a moved bundle makes a new one. Where lib/ is read-only the tool runs without it (slower
# to start, same result), and so does a bundle under a path with a space: JDK 17 dumps the classes
# of such a class path but never uses them. Arguments: JAVA JAR JSA.
slipway_bundle_cds() {
  case $2 in
    *' '*) return 0 ;;
  esac
  if [ -f "$3" ] && [ "$(cat "$3.path" 2>/dev/null)" = "$2" ]; then
    return 0
  fi
  if [ ! -w "${3%/*}" ]; then
    return 0
  fi
  # Under temporary names, renamed into place: a JVM given a truncated archive crashes.
  if "$1" -Xshare:dump "-XX:SharedClassListFile=${2%.jar}.classlist" "-XX:SharedArchiveFile=$3.$$.tmp" -XX:+UseSerialGC -cp "$2" > /dev/null 2>&1 \
    && mv -f "$3.$$.tmp" "$3" && printf '%s\n' "$2" > "$3.path.$$" && mv -f "$3.path.$$" "$3.path"; then
    return 0
  fi
  rm -f "$3.$$.tmp" "$3.path.$$"
}
