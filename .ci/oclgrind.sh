#!/usr/bin/env bash
# Runs the kernels under Oclgrind, an OpenCL simulator that checks every memory access: data
# races, reads of uninitialised values, out-of-bounds accesses, barrier divergence and API misuse.
# Every tuned design (three candidates of each search space and the parameters every shipped
# tuning entry selects, the fused local-memory kernel included, at MSSN-M's and MSSN-S's shapes,
# checked against the exact twins, in fp32 and fp16 storage), every exact kernel (against the
# plain-Java reference) and the whole network at small shapes (against the Java path, the fused
# kernel and fp16 storage included) run there; any report fails the run.
# Usage: .ci/oclgrind.sh  (needs apt-get install oclgrind, and mvn test-compile -pl src run before)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
icd=/usr/lib/oclgrind/liboclgrind-rt-icd.so
[ -f "$icd" ] || { echo "Oclgrind not found at $icd: apt-get install oclgrind" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/vendors"
echo "$icd" > "$work/vendors/oclgrind.icd"
log="$work/oclgrind.log"
# OCL_ICD_VENDORS: the ICD loader sees Oclgrind alone, so the tests' device is the simulator.
# Kernel diagnostics go to OCLGRIND_LOG; API misuse is printed by the tests' JVM, so its output is
# kept too. The two tests that provoke API errors on purpose (a build failure, a wrong argument)
# are left out, and so is the released weights' 61x47 crop (minutes of simulation).
status=0
(cd "$root" && OCL_ICD_VENDORS="$work/vendors" OCLGRIND_LOG="$log" OCLGRIND_CHECK_API=1 OCLGRIND_UNINITIALIZED=1 \
    OCLGRIND_DATA_RACES=1 mvn -B -pl src surefire:test@default-test -Dmssn.requireOpenCl=true \
    -Dtest='FastKernelDesignsTest,KernelOracleTest,!KernelOracleTest#buildFailuresCarryTheCompilerLog,!KernelOracleTest#callErrorsNameTheCall,NetworkAgreementTest,!NetworkAgreementTest#releasedWeightsAgreeOnARealImage' \
    -Dsurefire.failIfNoSpecifiedTests=false) > "$work/mvn.log" 2>&1 || status=$?
grep -E "Tests run:|FAIL" "$work/mvn.log" | grep -v " -- in " || true
if [ "$status" -ne 0 ]; then
    tail -40 "$work/mvn.log" >&2
    echo "FAILED: the tests failed under Oclgrind" >&2
    exit 1
fi
if [ -s "$log" ] || grep -q "Oclgrind - " "$work/mvn.log"; then
    echo "FAILED: Oclgrind reported problems; the first:" >&2
    { head -40 "$log"; grep -A6 "Oclgrind - " "$work/mvn.log" | head -40; } >&2
    exit 1
fi
echo "oclgrind: no reports for the tuned designs, the exact kernels and the network"
