# Sourced by bench/run for --only bluegreen (issue #21): zero-downtime blue/green behind a real nginx.
# Uses bench/run's helpers (say, row, note) and its HERE, WORK and LOG. Not in the default list: it
# takes minutes (20 installs and 5 rollbacks, each a real `installer` process).
#
# The measurement is BlueGreenInstallIT's, run through maven: it sets a root up with the real
# command line (`installer blue-green`, `installer nginx-conf`), starts the real nginx on a loopback
# port with that server block, and while 8 keep-alive clients loop through nginx it runs
# `installer install` and `installer rollback` (the shaded jar bin/installer runs) and counts every
# answer. BlueGreenSwitchIT adds the stream that began before a switch. Sizes through the environment:
#   BENCH_BG_INSTALLS (default 20), BENCH_BG_ROLLBACKS (default 5), BENCH_BG_STREAM_SECONDS (default 10)
BG_INSTALLS=${BENCH_BG_INSTALLS:-20}
BG_ROLLBACKS=${BENCH_BG_ROLLBACKS:-5}
BG_STREAM=${BENCH_BG_STREAM_SECONDS:-10}
BG_OUT="$WORK/bluegreen.out"
say "blue/green: 8 keep-alive clients through nginx during $BG_INSTALLS installs and $BG_ROLLBACKS rollbacks, and a $BG_STREAM s stream across a switch (mvn -pl installer -am verify, BlueGreenInstallIT and BlueGreenSwitchIT)"
BG_RC=0
(cd "$HERE" && mvn -B -pl installer -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dit.test='BlueGreenInstallIT#installsAndRollbacks*,BlueGreenSwitchIT#aStreamingResponse*' \
  -Dslipway.bluegreen.installs="$BG_INSTALLS" -Dslipway.bluegreen.rollbacks="$BG_ROLLBACKS" \
  -Dslipway.bluegreen.streamSeconds="$BG_STREAM") > "$BG_OUT" 2>&1 || BG_RC=$?
cat "$BG_OUT" >> "$LOG"
# The tests print one `bluegreen-bench: key=value ...` line each on stdout (failsafe shows it).
bg_line() { grep "^bluegreen-bench: $1" "$BG_OUT" | tail -n 1 || true; }
bg_val() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
BG_LOAD=$(bg_line clients=)
BG_STREAM_LINE=$(bg_line stream_seconds=)
if [ -z "$BG_LOAD" ]; then
  note "bluegreen: the measurement did not run to its counts (mvn exit $BG_RC; see $LOG)"
else
  BG_ANSWERS=$(bg_val "$BG_LOAD" answers); BG_NON2XX=$(bg_val "$BG_LOAD" non2xx)
  BG_CONN=$(bg_val "$BG_LOAD" connection_errors); BG_MS=$(bg_val "$BG_LOAD" slowest_healthy_to_served_ms)
  say "blue/green: $BG_ANSWERS answers, $BG_NON2XX non-2xx, $BG_CONN connection errors; slowest healthy->serving $BG_MS ms"
  row "bluegreen | 8 keep-alive clients through nginx during $BG_INSTALLS installs and $BG_ROLLBACKS rollbacks: non-2xx / connection errors (of all answers) | **$BG_NON2XX / $BG_CONN** (of $BG_ANSWERS) | | | 0 / 0 | | |"
  row "bluegreen | slowest time from new instance healthy to nginx serving it (reloaded), ms | **$BG_MS** | | | < 1000 | | |"
fi
if [ -n "$BG_STREAM_LINE" ]; then
  row "bluegreen | a $(bg_val "$BG_STREAM_LINE" stream_seconds) s streaming response begun before a switch | **completed** | | | completes | | |"
else
  row "bluegreen | a $BG_STREAM s streaming response begun before a switch | **did not complete** | | | completes | | |"
fi
[ "$BG_RC" = 0 ] || note "bluegreen: mvn exited $BG_RC, a target was missed or a test failed (see $LOG)"
