#!/usr/bin/env bash
# Runs one command with the project's Node 22 and pnpm on PATH.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$LN_ROOT"
exec "$@"
