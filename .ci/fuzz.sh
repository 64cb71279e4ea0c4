#!/usr/bin/env bash
# Fuzzes each of UserFilesFuzzTest's properties for a bounded time with Jazzer (coverage-guided):
# .ci/fuzz.sh [DURATION per method, default 60s]. mvn test replays the committed inputs only; this
# looks for new ones. A failing input is written to
# src/test/resources/dev/mssn/fuzz/UserFilesFuzzTestInputs/METHOD/ (commit it with the fix) and
# fails the run; the corpus the fuzzer grows is kept in .cifuzz-corpus/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60s}"
inputs=src/test/resources/dev/mssn/fuzz/UserFilesFuzzTestInputs
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mvn -B -q -pl src test-compile
for method in imageFilesDecodeWithinTheLimitOrAreRefused upscaleWritesAWholeFileOrNothing weightsFilesLoadOrAreRefused; do
    echo "== fuzzing UserFilesFuzzTest#$method for $duration"
    before="$(ls "$inputs/$method" | wc -l)"
    # coverage from the decoders too (Commons Imaging), not only from this library's classes
    if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" \
            JAZZER_INSTRUMENTATION_INCLUDES='dev.mssn.**:org.apache.commons.imaging.**' mvn -B -pl src surefire:test \
            -Dtest="UserFilesFuzzTest#$method" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
        # the finding, its stack and where its input was written
        grep -E "FuzzTestFinding|Caused by|^\s+at dev\.mssn|Test unit written to|Tests run:" "$log" | head -40 >&2
        echo "fuzz: UserFilesFuzzTest#$method failed; the input that did it is in $inputs/$method ($before inputs before)" >&2
        exit 1
    fi
    # libFuzzer's closing line: runs and seconds
    grep -E "^Done [0-9]+ runs" "$log" || { tail -30 "$log" >&2; echo "fuzz: $method did not fuzz" >&2; exit 1; }
done
echo "fuzz: no finding"
