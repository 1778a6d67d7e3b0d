#!/usr/bin/env bash
# Property-based fuzzing of the whole API from its own OpenAPI document (SPEC §10) with
# schemathesis: no request may get a 5xx, and every response must match what the document
# says about it (status code, content type, body schema).
#
#   scripts/schemathesis.sh                  SQLite, then PostgreSQL if NASHRA_TEST_POSTGRES_URL is set
#   scripts/schemathesis.sh --long           the same with 500 examples per operation (default 25)
#   scripts/schemathesis.sh --sqlite         SQLite only
#   scripts/schemathesis.sh --postgres URL   PostgreSQL only: a fresh database on the server at URL
#                                            (e.g. postgres://postgres@127.0.0.1:5432/postgres),
#                                            dropped afterwards
#   scripts/schemathesis.sh -- ARGS...       pass ARGS on to `schemathesis run` (e.g. --checks all,
#                                            --include-path-regex '^/api/v1/stories')
#
# Environment:
#   SCHEMATHESIS_MAX_EXAMPLES     examples per operation (overrides the default and --long)
#   SCHEMATHESIS_SEED             a seed, to replay a run exactly (every run prints its seed)
#   SCHEMATHESIS_WORKERS          concurrent schemathesis workers (default 2)
#   NASHRA_BIN                    the nashra binary to test (default: `cargo build`, target/debug/nashra)
#   NASHRA_TEST_POSTGRES_URL      the PostgreSQL server for the default run
#   NASHRA_TEST_REQUIRE_POSTGRES  1: fail instead of skipping PostgreSQL when no server is given
#   SCHEMATHESIS_KEEP=1           keep the temporary folder (server log, reports) after a pass
#
# Needs python3 (with venv) and, for PostgreSQL, psql. Installs schemathesis into
# target/schemathesis-venv (reused) from scripts/schemathesis/requirements.txt.
# The database is always a fresh one (a NASHRA_DATABASE_URL in the environment is ignored:
# the fuzzer deletes and rewrites whatever it finds).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HELPERS=$ROOT/scripts/schemathesis
VENV=$ROOT/target/schemathesis-venv

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

long=0
backends=()
extra_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --long) long=1 ;;
        --sqlite) backends+=("sqlite") ;;
        --postgres)
            [ $# -ge 2 ] || { echo "--postgres needs a server URL" >&2; exit 2; }
            backends+=("postgres=$2")
            shift
            ;;
        --postgres=*) backends+=("postgres=${1#--postgres=}") ;;
        -h | --help) usage; exit 0 ;;
        --) shift; extra_args=("$@"); break ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ ${#backends[@]} -eq 0 ]; then
    backends=("sqlite")
    if [ -n "${NASHRA_TEST_POSTGRES_URL:-}" ]; then
        backends+=("postgres=$NASHRA_TEST_POSTGRES_URL")
    elif [ "${NASHRA_TEST_REQUIRE_POSTGRES:-}" = 1 ]; then
        echo "NASHRA_TEST_REQUIRE_POSTGRES=1 but NASHRA_TEST_POSTGRES_URL is not set" >&2
        exit 1
    else
        echo "note: NASHRA_TEST_POSTGRES_URL is not set; fuzzing SQLite only" >&2
    fi
fi
if [ $long = 1 ]; then default_examples=500; else default_examples=25; fi
max_examples=${SCHEMATHESIS_MAX_EXAMPLES:-$default_examples}
workers=${SCHEMATHESIS_WORKERS:-2}

say() { printf '\n=== %s ===\n' "$*"; }

# --- schemathesis ----------------------------------------------------------------------------
say "schemathesis (venv: ${VENV#"$ROOT"/})"
requirements=$HELPERS/requirements.txt
if [ ! -x "$VENV/bin/schemathesis" ] || ! cmp -s "$requirements" "$VENV/.requirements.txt"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --require-virtualenv -r "$requirements"
    cp "$requirements" "$VENV/.requirements.txt"
fi
"$VENV/bin/schemathesis" --version

# --- nashra ----------------------------------------------------------------------------------
if [ -n "${NASHRA_BIN:-}" ]; then
    bin=$NASHRA_BIN
else
    say "cargo build"
    cargo build --locked --quiet
    bin=$ROOT/target/debug/nashra
fi
[ -x "$bin" ] || { echo "no nashra binary at $bin" >&2; exit 1; }

# --- one backend at a time; the trap cleans up whatever is running ---------------------------
work=""
server_pid=""
sink_pid=""
pg_admin_url=""
pg_db=""
status_all=0

stop_pid() {
    local pid=$1
    [ -n "$pid" ] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup_backend() {
    local keep=${1:-0}
    stop_pid "$server_pid"
    server_pid=""
    stop_pid "$sink_pid"
    sink_pid=""
    if [ -n "$pg_db" ]; then
        psql "$pg_admin_url" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null ||
            echo "warning: could not drop database $pg_db" >&2
        pg_db=""
    fi
    if [ -n "$work" ]; then
        if [ "$keep" = 1 ]; then
            echo "Kept: $work (server.log, schemathesis.log, report/)"
        else
            rm -rf "$work"
        fi
        work=""
    fi
}
trap 'cleanup_backend 1' EXIT
trap 'exit 130' INT TERM

# The server URL with its database name replaced: postgres://u@h:p/postgres?x -> .../NAME?x
pg_url_with_db() {
    local url=$1 name=$2 query=""
    if [[ $url == *\?* ]]; then
        query="?${url#*\?}"
        url=${url%%\?*}
    fi
    local rest=${url#*://}
    local scheme=${url%%://*}
    printf '%s://%s/%s%s' "$scheme" "${rest%%/*}" "$name" "$query"
}

# fuzz LABEL: starts a server on $database_url, seeds it, runs schemathesis; returns its verdict.
fuzz() {
    local label=$1
    say "$label: start"
    local started=$SECONDS

    # A mail server that accepts everything, for the endpoints that send mail in the request.
    "$VENV/bin/python" -u "$HELPERS/smtp_sink.py" >"$work/smtp.out" 2>&1 &
    sink_pid=$!
    local smtp_port=""
    for _ in $(seq 1 100); do
        smtp_port=$(sed -n 's/^smtp on \([0-9]*\)$/\1/p' "$work/smtp.out")
        [ -n "$smtp_port" ] && break
        sleep 0.1
    done
    [ -n "$smtp_port" ] || { echo "the SMTP sink did not start:" >&2; cat "$work/smtp.out" >&2; return 1; }
    # Note: fuzz runs as an `if` condition, where bash ignores `set -e`; hence the `|| return 1`s.

    # The server's settings. Everything else comes from config/default.toml.
    export NASHRA_MODE=test
    export NASHRA_DATABASE_URL=$database_url
    NASHRA_AUTH__SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
    export NASHRA_AUTH__SECRET
    export NASHRA_MEDIA__DIR=$work/media
    export NASHRA_SMTP_URL=smtp://127.0.0.1:$smtp_port
    # Queued sends stay queued: the fuzz run is about the API, not the delivery worker.
    export NASHRA_EMAIL__WORKER_IN_SERVER=false
    # Every fuzz request comes from 127.0.0.1. With the default limits (30 logins and 10
    # subscribes a minute per address) nearly every generated login and subscribe request
    # would get the (documented) 429 and the code behind it would go untested. The per-account
    # limit stays at its default.
    export NASHRA_LOGIN_LIMITS__ADDRESS_ATTEMPTS=1000000
    export NASHRA_SUBSCRIPTIONS__PER_ADDRESS_PER_MINUTE=1000000
    # One access token serves the whole run; --long takes longer than the default 15 minutes.
    export NASHRA_AUTH__ACCESS_TOKEN_TTL_SECS=86400
    export RUST_LOG=${RUST_LOG:-info}

    local admin_email=fuzz-admin@fuzz.example
    local admin_password
    admin_password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    "$bin" migrate >/dev/null || return 1
    printf '%s' "$admin_password" |
        "$bin" user add --email "$admin_email" --name "Fuzz Admin" --role admin --password-stdin >/dev/null ||
        return 1
    # Content for the operations that take an id: the demo newsletter (stories in every
    # workflow state, editions, images), whose files name these authors.
    local author
    for author in rana:editor karim:editor omar:reviewer salma:reviewer; do
        od -An -tx1 -N16 /dev/urandom | tr -d ' \n' |
            "$bin" user add --email "${author%%:*}@plains.example" --name "${author%%:*}" \
                --role "${author##*:}" --password-stdin >/dev/null || return 1
    done
    "$bin" import "$ROOT/content/demo" >/dev/null || return 1

    "$bin" serve --bind 127.0.0.1:0 >"$work/server.out" 2>"$work/server.log" &
    server_pid=$!
    local base=""
    for _ in $(seq 1 300); do
        base=$(sed -n 's/^listening on \(http:\/\/[^ ]*\)$/\1/p' "$work/server.out")
        [ -n "$base" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$base" ]; then
        echo "nashra serve did not start:" >&2
        tail -n 30 "$work/server.log" >&2
        return 1
    fi
    echo "nashra on $base"

    local seeded
    seeded=$(printf '%s' "$admin_password" | "$VENV/bin/python" "$HELPERS/seed.py" "$base" "$admin_email") || return 1
    local TOKEN ADMIN_ID SPARE_ID
    eval "$seeded"

    say "$label: schemathesis, $max_examples examples per operation"
    local seed_args=()
    [ -n "${SCHEMATHESIS_SEED:-}" ] && seed_args=(--seed "$SCHEMATHESIS_SEED")
    local rc
    # From the temporary folder, where Hypothesis leaves its .hypothesis/ folder.
    (cd "$work" && NASHRA_FUZZ_ADMIN_ID=$ADMIN_ID NASHRA_FUZZ_SPARE_ID=$SPARE_ID SCHEMATHESIS_HOOKS=$HELPERS/hooks.py \
        "$VENV/bin/schemathesis" --config-file "$HELPERS/schemathesis.toml" --no-color \
        run "$base/api/openapi.json" \
        --url "$base" \
        --header "Authorization: Bearer $TOKEN" \
        --max-examples "$max_examples" \
        --workers "$workers" \
        --generation-database none \
        --report junit --report-dir "$work/report" \
        ${seed_args[@]+"${seed_args[@]}"} ${extra_args[@]+"${extra_args[@]}"}) 2>&1 | tee "$work/schemathesis.log"
    rc=${PIPESTATUS[0]}

    # A panic in a background task would not show up as a 5xx.
    if grep -q "panicked" "$work/server.log"; then
        echo "FAIL: the server panicked:" >&2
        grep -A5 "panicked" "$work/server.log" | head -n 40 >&2
        rc=1
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "FAIL: the server died during the run" >&2
        rc=1
    fi
    local errors
    errors=$(grep -c ' ERROR ' "$work/server.log" || true)
    local verdict=PASSED
    [ "$rc" = 0 ] || verdict=FAILED
    local line
    line=$(grep -E '^(=+ )?[0-9]+ (passed|failed|errors?)|^=+ .* in [0-9.]+s' "$work/schemathesis.log" | tail -n 1 || true)
    summary+=("$(printf '%-10s %s in %ss (%s examples/operation; server ERROR log lines: %s) %s' \
        "$label" "$verdict" "$((SECONDS - started))" "$max_examples" "$errors" "${line:+— $line}")")
    [ "$verdict" = PASSED ]
}

summary=()
for backend in "${backends[@]}"; do
    work=$(mktemp -d "${TMPDIR:-/tmp}/nashra-fuzz.XXXXXX")
    mkdir -p "$work/media"
    case "$backend" in
        sqlite)
            label=SQLite
            database_url=sqlite://$work/db.sqlite
            ;;
        postgres=*)
            label=PostgreSQL
            pg_admin_url=${backend#postgres=}
            name=nashra_fuzz_$(od -An -tx1 -N6 /dev/urandom | tr -d ' \n')
            psql "$pg_admin_url" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $name" >/dev/null
            pg_db=$name
            database_url=$(pg_url_with_db "$pg_admin_url" "$name")
            ;;
    esac
    reported=${#summary[@]}
    if fuzz "$label"; then
        cleanup_backend "${SCHEMATHESIS_KEEP:-0}"
    else
        status_all=1
        [ ${#summary[@]} -gt "$reported" ] || summary+=("$(printf '%-10s FAILED before schemathesis ran' "$label")")
        echo "server log tail ($work/server.log):"
        tail -n 20 "$work/server.log" || true
        cleanup_backend 1
    fi
done

say "summary"
printf '%s\n' "${summary[@]}"
if [ $status_all = 0 ]; then
    echo "schemathesis: all backends passed"
else
    echo "schemathesis: FAILED (see above; rerun with SCHEMATHESIS_SEED=<seed> to replay)"
fi
exit $status_all
