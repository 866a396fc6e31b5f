#!/bin/sh
# Print the path of a Python >= 3.12 interpreter: the project's tooling (pyodide-build,
# pyodide-lock) needs it, and this machine kind's default python3 is 3.11.
# Prefers 3.12 (the combination checked with every pinned tool). Looks on PATH first, then in pyenv's versions (installed but not on PATH here).
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
for name in python3.12 python3.13 python3; do
    p=$(command -v "$name" 2>/dev/null) && ok "$p" && { echo "$p"; exit 0; }
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for p in "$root"/versions/3.12*/bin/python3 "$root"/versions/3.13*/bin/python3 /usr/bin/python3.1[2-9]; do
    [ -x "$p" ] && ok "$p" && { echo "$p"; exit 0; }
done
echo "Python >= 3.12 not found: install python3.12 or python3.13 (apt or pyenv)." >&2
exit 1
