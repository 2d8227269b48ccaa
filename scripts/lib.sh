# shellcheck shell=bash disable=SC2034 # variables here are used by the sourcing scripts
# Shared environment for the scripts in this directory. Source it, don't run it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# It sets REPO_ROOT, PATH (cargo's bin and npm's binaryen first), the trunk
# settings, and a few helpers. It does not change directory.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# binaryen from npm (wasm-opt 132) must win over Debian's binaryen (108), whose
# -Oz output breaks in Chromium.
BINARYEN_PREFIX="${BINARYEN_PREFIX:-/opt/binaryen}"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
path_prepend() { # path_prepend DIR: put DIR first on PATH, once
    local rest=":$PATH:"
    while [[ "$rest" == *":$1:"* ]]; do rest="${rest//":$1:"/:}"; done
    rest="${rest#:}"
    PATH="$1:${rest%:}"
}
path_prepend "$CARGO_BIN"
path_prepend "$BINARYEN_PREFIX/bin"
export PATH

# trunk: no update check (closed network).
export TRUNK_SKIP_VERSION_CHECK=true

# Pinned tool versions (used by the scripts that source this file).
TRUNK_VERSION=0.22.1
WASM_PACK_VERSION=0.15.1
BINARYEN_VERSION=132
CHROMIUM_BIN=/usr/bin/chromium
CHROMEDRIVER_BIN=/usr/bin/chromedriver
export CHROMEDRIVER="$CHROMEDRIVER_BIN"
# The browser test runner gives a whole test file 20 s by default; the
# hostile-answer suite takes about that on a quiet machine, so a busy CI
# machine would cut it off.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"

# The wasm-bindgen crate version in Cargo.lock; wasm-bindgen-cli must match it
# exactly.
lock_version() { # lock_version CRATE -> version of CRATE in Cargo.lock
    awk -v name="$1" '
        $0 == "[[package]]" { in_pkg = 0 }
        $1 == "name" && $3 == "\"" name "\"" { in_pkg = 1; next }
        in_pkg && $1 == "version" { gsub(/"/, "", $3); print $3; exit }
    ' "$REPO_ROOT/Cargo.lock"
}

# dist_needs_build [DIR]: true if DIR/index.html (default dist/) is missing or
# anything the page is built from is newer than it (then a trunk build is due).
dist_needs_build() {
    local dist="${1:-dist}"
    [ -f "$REPO_ROOT/$dist/index.html" ] || return 0
    [ -n "$(cd "$REPO_ROOT" && find Cargo.toml Cargo.lock Trunk.toml index.html boot.js examples src style \
        -newer "$dist/index.html" -print -quit 2>/dev/null)" ]
}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# port_busy PORT: true if something accepts connections on 127.0.0.1:PORT.
port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port PREFERRED: PREFERRED if free, else the next free port above it.
free_port() {
    local p="$1"
    while port_busy "$p"; do
        p=$((p + 1))
        [ "$p" -lt $(( $1 + 200 )) ] || die "no free port near $1"
    done
    echo "$p"
}

# Background stand-in management. start_standin BIN LOGFILE ADDR [ARGS...]
# starts the already-built stand-in binary BIN on ADDR (host:port) with ARGS,
# waits until it prints its listening line and the port answers, and sets
# STANDIN_PID. Returns non-zero (after printing the log) if it fails to come
# up. stop_standin stops it (safe to call twice; put it in an EXIT
# trap).
STANDIN_PID=""
start_standin() {
    local bin="$1" logfile="$2" addr="$3"
    shift 3
    if [ ! -x "$bin" ]; then
        printf 'error: %s is missing (build the stand-in first)\n' "$bin" >&2
        return 1
    fi
    "$bin" --addr "$addr" "$@" >"$logfile" 2>&1 &
    STANDIN_PID=$!
    local port="${addr##*:}" _
    for _ in $(seq 1 300); do
        if ! kill -0 "$STANDIN_PID" 2>/dev/null; then
            wait "$STANDIN_PID" 2>/dev/null || true
            STANDIN_PID=""
            cat "$logfile" >&2
            printf 'error: the stand-in exited before it was listening (log above)\n' >&2
            return 1
        fi
        if grep -q "^standin listening on " "$logfile" && port_busy "$port"; then
            log "$(grep -m1 "^standin listening on " "$logfile") (pid $STANDIN_PID, log $logfile)"
            return 0
        fi
        sleep 0.1
    done
    stop_standin
    cat "$logfile" >&2
    printf 'error: the stand-in did not answer on %s within 30 s (log above)\n' "$addr" >&2
    return 1
}
stop_standin() {
    if [ -n "$STANDIN_PID" ]; then
        kill "$STANDIN_PID" 2>/dev/null || true
        wait "$STANDIN_PID" 2>/dev/null || true
        STANDIN_PID=""
    fi
}
