#!/usr/bin/env bash
# The launchers as users run them, from this checkout: every bin/mssn command's help, an upscale,
# a folder run with a broken file, the viewer under Xvfb, and bin/mssn-spark on the same folder
# (its PNG must be bin/mssn's, byte for byte). A launcher that cannot start fails the run.
# Usage: .ci/launchers.sh  (needs java, mvn, xvfb-run; builds what it runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "launchers: $*" >&2; exit 1; }
mssn="$root/bin/mssn"

# expect CODE COMMAND...: runs it (output in $work/last.log) and fails unless it exits CODE
expect() {
    local want=$1 got=0
    shift
    "$@" > "$work/last.log" 2>&1 || got=$?
    [ "$got" = "$want" ] || { cat "$work/last.log" >&2; fail "'$*' exited $got, not $want"; }
    if grep -q $'\x1b\[' "$work/last.log"; then fail "'$*' printed escape codes"; fi
}

expect 0 "$mssn" --version
expect 0 "$mssn" --help
help="$(cat "$work/last.log")"
for command in upscale eval import devices bench profile tune view help; do
    grep -qE "^ +$command +[A-Z]" <<<"$help" || fail "bin/mssn --help does not list $command"
    expect 0 "$mssn" "$command" --help
    grep -qi "usage" "$work/last.log" || fail "bin/mssn $command --help printed no usage"
done
expect 0 "$mssn" help view
grep -q "usage: mssn view" "$work/last.log" || fail "bin/mssn help view printed no usage"

# one file, then a folder with a broken file: exit 2, the good one written, the summary true
mkdir "$work/in"
cp "$root/examples/sample-lr.png" "$work/in/a.png"
echo "not an image" > "$work/in/b.png"
expect 0 "$mssn" upscale -d cpu --no-progress "$root/examples/sample-lr.png" "$work/a.png"
expect 2 "$mssn" upscale -d cpu --no-progress "$root/examples/sample-lr.png" "$work/a.png"
grep -q "exists; pass -f" "$work/last.log" || fail "an existing output was not refused by name"
expect 2 "$mssn" upscale -d cpu --no-progress "$work/in" "$work/out"
grep -q "mssn: 1 of 2 images written, 1 failed (above)" "$work/last.log" || fail "the folder run's summary is wrong"
cmp "$work/a.png" "$work/out/a.png" || fail "the folder run's PNG differs from the single file's"

# the viewer: still running after its start (exit 124 from timeout) means it opened its window
expect 0 "$mssn" view --help
rc=0
xvfb-run -a -s "-screen 0 1280x800x24" timeout 20 "$mssn" view "$root/examples/sample-lr.png" > "$work/view.log" 2>&1 || rc=$?
[ "$rc" = 124 ] || { cat "$work/view.log" >&2; fail "bin/mssn view exited $rc within 20 s (expected to be still running)"; }

# the Spark job on the same folder: the same PNG, the broken file reported, exit 2 as bin/mssn's
expect 2 "$root/bin/mssn-spark" -d cpu "$work/in" "$work/spark-out"
grep -q "failed .*b.png" "$work/last.log" || fail "bin/mssn-spark did not report the broken file"
if grep -q "All paths were ignored" "$work/last.log"; then fail "bin/mssn-spark warned about its manifest"; fi
cmp "$work/a.png" "$work/spark-out/a.png" || fail "bin/mssn-spark's PNG differs from bin/mssn's"
[ -n "$(ls "$work"/spark-out/_manifest/part-*.csv)" ] || fail "no manifest"
echo "launchers: bin/mssn (every command's help, upscale, folder run, view) and bin/mssn-spark work"
