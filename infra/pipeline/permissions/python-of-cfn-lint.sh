#!/usr/bin/env bash
# Runs a Python script with the interpreter cfn-lint itself runs on (pipx, pyenv or a plain install
# each keep cfn-lint's modules in their own environment). Exits 127 when cfn-lint is not installed.
set -euo pipefail
command -v cfn-lint >/dev/null 2>&1 || { echo "cfn-lint is not installed" >&2; exit 127; }
if command -v pyenv >/dev/null 2>&1 && pyenv which cfn-lint >/dev/null 2>&1; then
  executable=$(pyenv which cfn-lint)
else
  executable=$(readlink -f "$(command -v cfn-lint)")
fi
interpreter=$(head -n1 "$executable" | sed 's/^#!//')
exec $interpreter "$@"
