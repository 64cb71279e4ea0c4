#!/usr/bin/env bash
# Compiles every kernel file, in every variant the host can build, with clang as a second OpenCL
# compiler (OpenCL C 1.2, syntax and semantics only): what PoCL accepts but a stricter vendor
# compiler would refuse shows here. The tuned designs' variants come from their declarations
# (FastKernel, printed by KernelVariants), so the library must be compiled first.
# Usage: .ci/check-kernels.sh  (needs clang, and mvn compile -pl src run before)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/kernels"
command -v clang >/dev/null || { echo "clang not found: install it (apt-get install clang)" >&2; exit 1; }
[ -f "$root/src/target/classes/dev/mssn/engine/opencl/ops/KernelVariants.class" ] \
    || { echo "the library is not compiled: run mvn -q compile -pl src first" >&2; exit 1; }
mapfile -t declared < <(java -cp "$root/src/target/classes" dev.mssn.engine.opencl.ops.KernelVariants)
[ "${#declared[@]}" -gt 0 ] || { echo "FAILED: no declared kernel variants" >&2; exit 1; }

checked=0
seen=" common.cl "
check() { # file, options...
    local file=$1
    shift
    seen="$seen$file "
    if ! cat common.cl "$file" | clang -x cl -cl-std=CL1.2 -Xclang -finclude-default-header -fsyntax-only -Werror "$@" - ; then
        echo "FAILED: $file $*" >&2
        exit 1
    fi
    checked=$((checked + 1))
}

for storage in "" "-DSTORE_HALF"; do
    for file in io_unpack.cl conv_dense.cl conv_pointwise.cl conv_depthwise.cl fuse_residual.cl pixel_shuffle.cl; do
        check "$file" $storage -DOUT_PER_ITEM=4
    done
    for vw in 1 2 4 8 16; do
        for wpt in 3 8 16; do check conv_pointwise_fast.cl $storage -DVW=$vw -DWPT=$wpt; done
        check conv_depthwise_fast.cl $storage -DVW=$vw
        for opt in 3 8; do check conv_dense_fast.cl $storage -DVW=$vw -DOPT=$opt; done
        for lx in 4 64; do check mawru_expand_dw_fast.cl $storage -DVW=$vw -DHC=8 -DLX=$lx -DROWS=4; done
        check peak.cl $storage -DVW=$vw
    done
    # every build the tuned designs' search spaces can produce
    for line in "${declared[@]}"; do
        IFS=$'\t' read -r file defines <<< "$line"
        # shellcheck disable=SC2086
        check "$file" $storage $defines
    done
done
for file in *.cl; do
    [[ $seen == *" $file "* ]] || { echo "FAILED: $file is not checked by $0; add its variants" >&2; exit 1; }
done
echo "clang: $checked kernel variants compile as OpenCL C 1.2"
