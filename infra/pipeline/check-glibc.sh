#!/usr/bin/env bash
# Fails when an ELF binary needs a glibc symbol version above the given one. Lambda's provided.al2023
# runtime has glibc 2.34; a Native AOT binary linked against a newer glibc can need GLIBC_2.38 symbols
# (dotnet/runtime#123204) and would then fail at start, in Lambda only.
#   usage: check-glibc.sh BINARY [MAX_VERSION=2.34]
set -euo pipefail
binary=$1 max=${2:-2.34}
needed=$(readelf --version-info --wide "$binary" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/GLIBC_//' | sort -uV)
highest=$(printf '%s\n' $needed | tail -n1)
if [ -z "$highest" ]; then
  echo "$binary: no GLIBC symbol versions found (not a dynamically linked glibc binary?)"; exit 1
fi
if [ "$(printf '%s\n%s\n' "$highest" "$max" | sort -V | tail -n1)" != "$max" ]; then
  echo "$binary needs GLIBC_$highest, above GLIBC_$max: build it on an older glibc (see docs/deploying.md)"; exit 1
fi
echo "$binary needs at most GLIBC_$highest (limit GLIBC_$max)"
