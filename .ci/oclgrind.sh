#!/usr/bin/env bash
# Runs the kernels under Oclgrind, an OpenCL simulator that checks every memory access: data
# races, reads of uninitialised values, out-of-bounds accesses, barrier divergence and API misuse.
# Every tuned design (three candidates of each search space and the parameters every shipped
# tuning entry selects, the fused local-memory kernel included, at MSSN-M's and MSSN-S's shapes,
# checked against the exact twins, in fp32 and fp16 storage), every exact kernel (against the
# plain-Java reference) and the whole network at small shapes (against the Java path, with the
# fused kernel, small vectors and fp16 storage, as a GPU's entry might select them) run there; any
# report fails the run.
# Usage: .ci/oclgrind.sh  (needs apt-get install oclgrind, and mvn test-compile -pl src run before)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
icd=/usr/lib/oclgrind/liboclgrind-rt-icd.so
[ -f "$icd" ] || { echo "Oclgrind not found at $icd: apt-get install oclgrind" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/vendors"
echo "$icd" > "$work/vendors/oclgrind.icd"

# under_oclgrind NAME EXECUTION TESTS: the tests through surefire's EXECUTION, with the ICD loader
# (OCL_ICD_VENDORS) seeing Oclgrind alone, so the tests' device is the simulator. Kernel
# diagnostics go to OCLGRIND_LOG; API misuse is printed by the tests' JVM, so its output is kept too.
under_oclgrind() {
    local name=$1 execution=$2 tests=$3 log="$work/$1.log" status=0
    (cd "$root" && OCL_ICD_VENDORS="$work/vendors" OCLGRIND_LOG="$work/$name.oclgrind" OCLGRIND_CHECK_API=1 \
        OCLGRIND_UNINITIALIZED=1 OCLGRIND_DATA_RACES=1 mvn -B -pl src "surefire:test@$execution" -Dmssn.requireOpenCl=true \
        -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false) > "$log" 2>&1 || status=$?
    grep -E "Tests run:|FAIL" "$log" | grep -v " -- in " || true
    if [ "$status" -ne 0 ]; then
        tail -40 "$log" >&2
        echo "FAILED: the tests failed under Oclgrind ($name)" >&2
        exit 1
    fi
    if [ -s "$work/$name.oclgrind" ] || grep -q "Oclgrind - " "$log"; then
        echo "FAILED: Oclgrind reported problems ($name); the first:" >&2
        { head -40 "$work/$name.oclgrind" 2>/dev/null; grep -A6 "Oclgrind - " "$log" | head -40; } >&2
        exit 1
    fi
}

# The two tests that provoke API errors on purpose (a build failure, a wrong argument) are left out.
under_oclgrind kernels default-test \
    'FastKernelDesignsTest,KernelOracleTest,!KernelOracleTest#buildFailuresCarryTheCompilerLog,!KernelOracleTest#callErrorsNameTheCall'
# The network through LWJGL's binding: JOCL waits for non-blocking transfers on a thread of its own,
# and Oclgrind 21.10, not safe for calls from two threads at once, crashed in its memory pool.
# Small shapes only: a 13x9 image takes the simulator about a minute.
under_oclgrind network lwjgl-binding 'NetworkAgreementTest#theFusedKernelAgreesWithJavaToo'
echo "oclgrind: no reports for the tuned designs, the exact kernels and the network"
