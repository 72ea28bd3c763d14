@echo off
rem Runs the packager, from a release bundle (lib\ beside bin\) or a checkout (packager\target, built on the
rem first run), from any folder and with spaces in paths (issues #23, #25). Java: JAVA_HOME, then PATH.
setlocal
rem %~dp0 is the folder of this file, whatever the current one, as a full path ending in a backslash.
set "SLIPWAY_HOME=%~dp0.."
set "JAR=%SLIPWAY_HOME%\lib\slipway-packager.jar"
if exist "%JAR%" goto java
set "JAR=%SLIPWAY_HOME%\packager\target\slipway-packager.jar"
if exist "%JAR%" goto java
echo building Slipway, first run... 1>&2
pushd "%SLIPWAY_HOME%"
call mvn -q -B -DskipTests -pl installer,packager -am package 1>&2
popd

:java
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if defined JAVA goto run
for %%J in (java.exe) do set "JAVA=%%~$PATH:J"
if defined JAVA goto run
rem One line, and the exit code of docs/reference/exit-codes.md for a launcher that finds no Java.
echo packager: no Java found, neither JAVA_HOME\bin\java.exe nor java.exe on PATH: install Java 17 or newer with: winget install EclipseAdoptium.Temurin.17.JRE 1>&2
exit /b 127

:run
rem File contents in UTF-8 (issue #20); Windows file names are UTF-16 already. Heap, collector and inlining: see bin/launcher.sh (issue #7).
if "%SLIPWAY_JAVA_OPTS%"=="" set "SLIPWAY_JAVA_OPTS=-Xmx256m -Xms32m -XX:+UseSerialGC -XX:FreqInlineSize=50"
:plain
"%JAVA%" %SLIPWAY_JAVA_OPTS% -Dfile.encoding=UTF-8 -jar "%JAR%" %*
exit /b %ERRORLEVEL%
