#!/usr/bin/env bash
# Schemathesis (pinned in uv.lock's dev group) against docs/openapi.yaml on a running server
# with the demo data, as an administrator and as a commune reporter. Fails on any server
# error, response that breaks the schema, or undocumented status code.
# One worker: schemathesis 4.32 with hypothesis raised an internal error with two.
# Usage: .ci/schemathesis.sh [seconds per role, default 110]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_ROLE="${1:-110}"
PORT="${SCHEMATHESIS_PORT:-8107}"
WORK="$(mktemp -d /tmp/mandate-schemathesis.XXXXXX)"
# Production settings (DEBUG off: errors answer in the API's shape, never a debug page), plain HTTP.
export MANDATE_VAR_DIR="$WORK" DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECRET_KEY="schemathesis-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
  SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 \
  API_THROTTLE_USER=1000000/minute API_THROTTLE_ANON=1000000/minute API_THROTTLE_TOKEN=1000000/minute
unset DATABASE_URL
BIN=.venv/bin
SERVER_PID=""
cleanup() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

$BIN/mandate migrate --noinput -v0
$BIN/mandate collectstatic --noinput -v0
$BIN/mandate load_demo >/dev/null
tokens="$($BIN/mandate shell -c '
from django.contrib.auth import get_user_model
from mandate.accounts.tokens import issue_token
User = get_user_model()
print(issue_token(User.objects.get(username="province-admin")).key, issue_token(User.objects.get(username="hoangdong-reporter")).key)
')"
read -r ADMIN_TOKEN REPORTER_TOKEN <<<"$tokens"

$BIN/gunicorn mandate.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

status=0
for role in admin reporter; do
  if [ "$role" = admin ]; then token="$ADMIN_TOKEN"; else token="$REPORTER_TOKEN"; fi
  echo "== schemathesis as $role (at most ${SECONDS_PER_ROLE}s)"
  $BIN/schemathesis run docs/openapi.yaml --url "http://127.0.0.1:$PORT" \
    -H "Authorization: Token $token" -H "Accept-Language: en" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
    --exclude-path /api/v1/auth/token/ \
    --max-examples 8 --max-time "$SECONDS_PER_ROLE" --seed 7 --workers 1 \
    --suppress-health-check all --warnings off --no-shrink || status=1
done
if [ "$status" -ne 0 ]; then
  echo "== last lines of the server log"; tail -n 40 "$WORK/server.log"
fi
exit "$status"
