#!/usr/bin/env bash
# README command 1: the whole stack on this machine. Postgres is embedded when DATABASE_URL is unset.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$LN_ROOT"
exec pnpm exec tsx scripts/dev.ts
