#!/usr/bin/env bash
# Runs the OpenCL suites on Mesa's rusticl over llvmpipe, the OpenCL of Mesa's GPU drivers
# (Panfrost for Mali, radeonsi, iris), here on the CPU: its NIR compiler and GPU-like limits
# (32 KiB local memory, groups of at most 1024). The fast kernels against their exact twins (the
# search spaces less the driver's known defects, which are checked to still reproduce), the exact
# kernels against the plain-Java reference, the whole network against the Java path, and the
# released MSSN-M x2's per-image scores on Set5 crops against the CPU path's.
# Usage: .ci/rusticl.sh  (needs apt-get install mesa-opencl-icd, and mvn test-compile -pl src run before)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
icd=/etc/OpenCL/vendors/rusticl.icd
[ -f "$icd" ] || { echo "rusticl not found at $icd: apt-get install mesa-opencl-icd" >&2; exit 1; }
work="$(mktemp -d)"
rm -rf "$root"/src/target/surefire-reports
trap 'rm -rf "$work"' EXIT
mkdir "$work/vendors"
cp "$icd" "$work/vendors/"
# OCL_ICD_VENDORS: the ICD loader sees rusticl alone, so the tests' device is llvmpipe.
status=0
(cd "$root" && RUSTICL_ENABLE=llvmpipe OCL_ICD_VENDORS="$work/vendors" mvn -B -pl src surefire:test@default-test \
    -Dmssn.requireOpenCl=true \
    -Dtest='FastKernelDesignsTest,FastKernelTest,KernelOracleTest,NetworkAgreementTest,ClBackendContractTest,OpenClPerImageScoresTest' \
    -Dsurefire.failIfNoSpecifiedTests=false) > "$work/mvn.log" 2>&1 || status=$?
grep -E "Tests run:|FAIL|llvmpipe" "$work/mvn.log" | grep -v " -- in " | head -20 || true
if [ "$status" -ne 0 ]; then
    tail -60 "$work/mvn.log" >&2
    echo "FAILED: the OpenCL suites failed on rusticl" >&2
    exit 1
fi
if ! grep -q "Tests run: [1-9]" "$work/mvn.log"; then
    echo "FAILED: no test ran on rusticl" >&2
    exit 1
fi
# the only skips allowed are the cases a declared driver defect keeps from this driver
skips="$(grep -h '<skipped' "$root"/src/target/surefire-reports/TEST-*.xml | sed 's/.*Assumption failed: //; s/.*<skipped[^>]*>//' || true)"
other="$(printf '%s\n' "$skips" | grep -v -e '^$' -e 'known driver defect' || true)"
if [ -n "$other" ]; then
    printf 'FAILED: tests skipped on rusticl for another reason:\n%s\n' "$other" >&2
    exit 1
fi
printf '%s\n' "$skips" | grep 'known driver defect' | sed 's/ not run on .*//' | sort | uniq -c | sed 's/^/  skipped (known driver defect): /' || true
echo "rusticl: the OpenCL suites pass on llvmpipe"
