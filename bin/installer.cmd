@echo off
rem Runs the installer's shaded jar, building it first on a fresh clone.
setlocal
set "HERE=%~dp0.."
set "JAR=%HERE%\installer\target\slipway-installer.jar"
if not exist "%JAR%" (
  echo building Slipway ^(first run^)... 1>&2
  pushd "%HERE%" && call mvn -q -B -DskipTests package 1>&2 && popd
)
rem File contents in UTF-8 (issue #20); Windows file names are UTF-16 already. Heap, collector and inlining: see bin/installer (issue #7).
if "%SLIPWAY_JAVA_OPTS%"=="" set "SLIPWAY_JAVA_OPTS=-Xmx256m -Xms32m -XX:+UseSerialGC -XX:FreqInlineSize=50"
rem Class-data sharing (issue #7): see bin/installer. -Xlog:cds*=off keeps the JVM's notice about an
rem archive it cannot use off stdout, which carries --json; -XX:+VerifySharedSpaces makes it ignore a
rem damaged archive instead of crashing (see bin/installer).
set "CDS=%HERE%\installer\target\slipway-installer.jsa"
if not exist "%CDS%" goto plain
java %SLIPWAY_JAVA_OPTS% -Dfile.encoding=UTF-8 "-XX:SharedArchiveFile=%CDS%" -XX:+VerifySharedSpaces -Xlog:cds*=off -jar "%JAR%" %*
exit /b %ERRORLEVEL%
:plain
java %SLIPWAY_JAVA_OPTS% -Dfile.encoding=UTF-8 -jar "%JAR%" %*
exit /b %ERRORLEVEL%
