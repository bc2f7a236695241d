#!/usr/bin/env bash
# README command 2: typecheck, lint, formatting, every vitest test and the admin's Playwright suite;
# ends with "N passed, N failed".
# Tests use DATABASE_URL's server when set, otherwise a throw-away embedded Postgres, and
# REDIS_URL (default redis://127.0.0.1:6379; a private redis-server is started if none answers).
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$LN_ROOT"
set +e

passed=0
failed=0
failures=()
check() { # name, command...
  local name=$1; shift
  ln_log "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

ensure_redis() {
  [ -n "${REDIS_URL:-}" ] && return
  if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then export REDIS_URL=redis://127.0.0.1:6379; return; fi
  if command -v redis-server >/dev/null; then
    local port=16379
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no >/dev/null
    export REDIS_URL="redis://127.0.0.1:$port"
    ln_log "started a private redis-server on port $port for the tests"
  else
    ln_log "no Redis answers on 127.0.0.1:6379 and redis-server is not installed: the Redis tests will fail (apt-get install redis-server, or set REDIS_URL)"
  fi
}

typecheck() { pnpm exec turbo run typecheck --ui=stream --output-logs=errors-only && pnpm exec tsc -p tsconfig.json; }
lint() { pnpm exec turbo run lint --ui=stream --output-logs=errors-only && pnpm exec eslint scripts tooling bench vitest.config.ts; }
check "typecheck" typecheck
check "lint" lint
check "format (prettier --check)" pnpm exec prettier --check . --log-level warn

ensure_redis
mkdir -p .data
results=.data/vitest-results.json
rm -f "$results"
ln_log "tests"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results"
vitest_exit=$?

read -r test_passed test_failed < <(node -e '
  const fs = require("fs");
  const file = process.argv[1];
  if (!fs.existsSync(file)) { console.log("0 1"); process.exit(0); }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  console.log(`${r.numPassedTests} ${failed}`);
' "$results")
if [ "$vitest_exit" -ne 0 ] && [ "$test_failed" -eq 0 ]; then test_failed=1; failures+=("vitest exited $vitest_exit"); fi
[ "$test_failed" -gt 0 ] && failures+=("tests")

passed=$((passed + test_passed))
failed=$((failed + test_failed))

# The admin in a real browser (Playwright + Debian's Chromium); its stack starts and stops itself.
# Each Playwright test counts once, like each vitest test.
e2e_results=apps/admin/test-artifacts/results.json
rm -f "$e2e_results"
ln_log "end-to-end tests (admin, Chromium)"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  pnpm --filter @loyalnest/admin test:e2e
  e2e_exit=$?
else
  ln_log "no Chromium at $chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH"
  e2e_exit=1
fi
read -r e2e_passed e2e_failed < <(node -e '
  const fs = require("fs");
  const file = process.argv[1];
  if (!fs.existsSync(file)) { console.log("0 1"); process.exit(0); }
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
  console.log(`${s.expected + s.flaky} ${s.unexpected}`);
' "$e2e_results")
if [ "$e2e_exit" -ne 0 ] && [ "$e2e_failed" -eq 0 ]; then e2e_failed=1; failures+=("playwright exited $e2e_exit"); fi
[ "$e2e_failed" -gt 0 ] && failures+=("e2e")
passed=$((passed + e2e_passed))
failed=$((failed + e2e_failed))
echo
[ ${#failures[@]} -gt 0 ] && echo "Failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
