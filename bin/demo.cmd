@echo off
rem The demo is a bash script (it needs tar, curl and a POSIX shell); on Windows run it from Git Bash or WSL:
rem   bash bin/demo
echo Run "bash bin/demo" from Git Bash or WSL. 1>&2
exit /b 2
