@echo off
rem Runs the packager's shaded jar, building it first on a fresh clone.
setlocal
set "HERE=%~dp0.."
set "JAR=%HERE%\packager\target\slipway-packager.jar"
if not exist "%JAR%" (
  echo building Slipway ^(first run^)... 1>&2
  pushd "%HERE%" && call mvn -q -B -DskipTests package 1>&2 && popd
)
rem File contents in UTF-8 (issue #20); Windows file names are UTF-16 already. Heap, collector and inlining: see bin/packager (issue #7).
if "%SLIPWAY_JAVA_OPTS%"=="" set "SLIPWAY_JAVA_OPTS=-Xmx256m -Xms32m -XX:+UseSerialGC -XX:FreqInlineSize=50"
java %SLIPWAY_JAVA_OPTS% -Dfile.encoding=UTF-8 -jar "%JAR%" %*
exit /b %ERRORLEVEL%
