#!/usr/bin/env bash
# Builds the parsers' libFuzzer targets with clang-14 under AddressSanitizer + UndefinedBehaviorSanitizer and runs
# them on the seed corpus in fuzz/corpus/<Target> (copied into the build directory, which collects what the fuzzer
# finds; the repository's seeds are never changed).
#   scripts/fuzz.sh [--build-dir DIR] [--seconds N | --runs N] [--timeout S] [--build-only] [--no-build] [TARGET...]
# --timeout is libFuzzer's per-input limit (default 10 s); raise it when the machine is shared, or a starved
# process reports a timeout that replaying the input does not reproduce.
# Prints per target the executions and the time; a crash, leak, timeout or sanitizer report exits non-zero and leaves
# the input in DIR/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=build/fuzz
LIMIT=(-max_total_time=60)
TIMEOUT=10
BUILD=1
RUN=1
TARGETS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) BUILD_DIR=$2; shift 2 ;;
        --seconds) LIMIT=(-max_total_time="$2"); shift 2 ;;
        --runs) LIMIT=(-runs="$2"); shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        --build-only) RUN=0; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) TARGETS+=("$1"); shift ;;
    esac
done
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=(FuzzDotenv FuzzErlangTerms FuzzNginxConfig FuzzRabbitConf FuzzSystemdUnit FuzzUwsgiIni)
fi

if [ "$BUILD" -eq 1 ]; then
    command -v clang++-14 >/dev/null || { echo "fuzz: clang++-14 is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
    CXX=clang++-14 cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSALTANT_FUZZ=ON >/dev/null
    cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target "${TARGETS[@]}"
fi
[ "$RUN" -eq 1 ] || exit 0

status=0
for target in "${TARGETS[@]}"; do
    corpus="$BUILD_DIR/corpus/$target"
    mkdir -p "$corpus" "$BUILD_DIR/artifacts"
    log="$BUILD_DIR/$target.log"
    # Leaks are checked (detect_leaks); Qt's one-time allocations are not leaks at exit.
    if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "$BUILD_DIR/fuzz/$target" "${LIMIT[@]}" -max_len=2048 -timeout="$TIMEOUT" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$BUILD_DIR/artifacts/$target-" "$corpus" "fuzz/corpus/$target" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
        echo "fuzz: $target: ${runs:-?} executions in ${seconds:-?} s, 0 crashes"
    else
        status=1
        echo "fuzz: $target FAILED (log: $log):" >&2
        grep -m5 -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" >&2 || tail -5 "$log" >&2
    fi
done
exit $status
