#!/usr/bin/env bash
# The GPU check: correctness and speed of the OpenCL path on a machine with a GPU but no Java
# and no network. Prepared here, run there.
#
#   bench/gpu-check.sh prepare [BUNDLE]   build BUNDLE (default bench/gpu-bundle, ignored by git):
#       a jlinked Java runtime, the CLI jar, the OpenCL ICD loader, Set5 and the released
#       MSSN-M x2 weights (copied from ../shared; never committed)
#   bench/gpu-check.sh run [BUNDLE]       run every check from BUNDLE; results under $OUT
#       (default ./gpu-check-out): a log per step and summary.txt
#
# The run finds the vendor's OpenCL library (NVIDIA's libnvidia-opencl.so.1 in the driver's
# folder, or MSSN_GPU_CHECK_ICD=/path/to/library), writes an ICD file for it and then runs:
# devices; Set5 with the released MSSN-M x2 over OpenCL (published: 37.92 dB); tiled against
# untiled output, byte for byte; tune; profile (with CSV); bench at 1920x1080 -> 3840x2160 x2,
# fp32 and fp16 storage; the PyTorch eager fp32 baseline of the same model and weights. Every
# step has its own time limit and the run goes on past a failed step, so that one call
# reports all it can; the summary gives, per kernel design the tuner may choose, how many
# candidates ran, why the others did not (wrong output, build or launch failure, too slow, a
# known driver defect) and what it chose. A device whose timestamps are unusable is tuned again
# on the wall clock. MSSN_GPU_CHECK_QUICK=1 shrinks the workloads (a rehearsal on PoCL or
# rusticl); MSSN_GPU_CHECK_TIME_FACTOR=N multiplies every step's limit (slow implementations);
# MSSN_GPU_CHECK_PYTHON names a python3 with PyTorch when the one on the PATH has none.
# Through the device tool: command "bench/gpu-check.sh run", carry ["bench/gpu-bundle"],
# timeout 600 (the steps' limits add up to 540 s).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-}"
bundle="$(realpath -m "${2:-$root/bench/gpu-bundle}")"
shared="$root/../shared"

prepare() {
    set -e
    command -v jlink >/dev/null || { echo "jlink not found: a JDK 17 is needed" >&2; exit 1; }
    [ -d "$shared" ] || { echo "$shared not found: Set5 and the released weights come from there" >&2; exit 1; }
    rm -rf "$bundle"
    mkdir -p "$bundle"
    "$root/bin/mssn" --version >/dev/null    # builds cli/target/mssn-cli.jar when sources changed
    cp "$root/cli/target/mssn-cli.jar" "$bundle/mssn-cli.jar"
    local jre
    jre="$(mktemp -d)"
    jlink --add-modules java.base,java.desktop,java.sql,java.compiler,java.logging,jdk.incubator.vector,jdk.unsupported,jdk.management \
        --strip-debug --no-man-pages --no-header-files --compress=2 --output "$jre/jre" 2>/dev/null
    tar -C "$jre" -cJf "$bundle/jre.tar.xz" jre
    rm -rf "$jre"
    # the ICD loader, as plain files (links may not travel): JOCL opens libOpenCL.so, others .so.1
    local deb
    deb="$(mktemp -d)"
    (cd "$deb" && apt-get download ocl-icd-libopencl1 2>/dev/null && dpkg -x ocl-icd-libopencl1_*.deb x)
    mkdir -p "$bundle/lib"
    cp -L "$deb"/x/usr/lib/x86_64-linux-gnu/libOpenCL.so.1 "$bundle/lib/libOpenCL.so.1"
    cp -L "$deb"/x/usr/lib/x86_64-linux-gnu/libOpenCL.so.1 "$bundle/lib/libOpenCL.so"
    rm -rf "$deb"
    mkdir -p "$bundle/Set5"
    cp "$shared"/datasets/Set5/HR/*.png "$bundle/Set5/"
    cp "$shared/models/mssn-official/MSSN_M_x2.pt" "$bundle/"
    cp "$root/examples/sample-lr.png" "$bundle/"
    du -sh "$bundle"
    echo "prepared $bundle; run it with: bench/gpu-check.sh run ${2:-}"
}

run() {
    local out="${OUT:-$PWD/gpu-check-out}"
    mkdir -p "$out"
    local summary="$out/summary.txt"
    : > "$summary"
    note() { echo "$*" | tee -a "$summary"; }
    [ -f "$bundle/mssn-cli.jar" ] || { note "no bundle at $bundle: run 'bench/gpu-check.sh prepare' first"; exit 1; }

    local work
    work="$(mktemp -d)"
    if command -v xz >/dev/null; then
        tar -C "$work" -xJf "$bundle/jre.tar.xz"
    else
        python3 -c "import tarfile,sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$bundle/jre.tar.xz" "$work"
    fi
    local java="$work/jre/bin/java"

    # the vendor's OpenCL library, with the evidence of where it was looked for
    local vendor="${MSSN_GPU_CHECK_ICD:-}"
    {
        echo "nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>&1 | head -1)"
        for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/cuda/lib64; do
            echo "$d: $(ls "$d" 2>/dev/null | grep -i -E 'opencl|libcuda\.so' | tr '\n' ' ')"
        done
        echo "find: $(timeout 30 find / -xdev \( -name 'libnvidia-opencl.so*' -o -name '*.icd' \) 2>/dev/null | head -20 | tr '\n' ' ')"
    } > "$out/opencl-search.txt"
    if [ -z "$vendor" ]; then
        vendor="$(timeout 30 find /usr/local/nvidia /usr/lib/x86_64-linux-gnu /usr/lib64 / -xdev -name 'libnvidia-opencl.so.1' 2>/dev/null | head -1)"
    fi
    if [ -z "$vendor" ]; then
        note "no vendor OpenCL library found (see opencl-search.txt); the OpenCL steps will report no device"
    else
        mkdir -p "$work/icd"
        echo "$vendor" > "$work/icd/vendor.icd"
        export OCL_ICD_VENDORS="$work/icd"
        export LD_LIBRARY_PATH="$(dirname "$vendor"):${LD_LIBRARY_PATH:-}"
        note "OpenCL library: $vendor"
    fi
    export LD_LIBRARY_PATH="$bundle/lib:${LD_LIBRARY_PATH:-}"
    export LD_PRELOAD="$work/jre/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
    export MSSN_TUNING_FILE="$out/tuning.json"
    local mssn=("$java" --add-modules jdk.incubator.vector -Xmx8g -jar "$bundle/mssn-cli.jar")

    local factor="${MSSN_GPU_CHECK_TIME_FACTOR:-1}"
    local size="1920x1080" runs=10 tune_size=512 profile_runs=5 torch_runs=20 torch_warmup=3
    local tiled_input="$bundle/Set5/baby.png" tile=100
    if [ "${MSSN_GPU_CHECK_QUICK:-0}" = 1 ]; then
        size="256x144" runs=2 tune_size=32 profile_runs=1 torch_runs=1 torch_warmup=1
        tiled_input="$bundle/sample-lr.png" tile=50
    fi

    # step NAME LIMIT_S COMMAND...: runs it with a time limit (rc 124 when it ran over), its output in NAME.log
    step() {
        local name=$1 limit=$2
        shift 2
        local start=$SECONDS
        timeout --kill-after=5 "$limit" "$@" > "$out/$name.log" 2>&1
        local rc=$?
        note "$(printf '%-14s rc=%-3s %4ds  %s' "$name" "$rc" $((SECONDS - start)) "$(grep -v -i warning "$out/$name.log" | tail -1)")"
    }

    step devices $((30 * factor)) "${mssn[@]}" devices
    step set5-opencl $((90 * factor)) "${mssn[@]}" eval -d opencl -m "$bundle/MSSN_M_x2.pt" -s 2 --data "$bundle/Set5"
    if grep -q "MEAN psnr=37.92 " "$out/set5-opencl.log"; then note "Set5 MSSN-M x2 over OpenCL: 37.92 as published"; else note "Set5 MSSN-M x2 over OpenCL: NOT 37.92"; fi
    step tiled $((30 * factor)) "${mssn[@]}" upscale -d opencl -m "$bundle/MSSN_M_x2.pt" -s 2 -t "$tile" --no-progress -f "$tiled_input" "$work/tiled.png"
    step untiled $((30 * factor)) "${mssn[@]}" upscale -d opencl -m "$bundle/MSSN_M_x2.pt" -s 2 --no-progress -f "$tiled_input" "$work/untiled.png"
    if cmp -s "$work/tiled.png" "$work/untiled.png"; then note "tiled ($tile px) == untiled: identical"; else note "tiled ($tile px) == untiled: DIFFERENT"; fi
    step tune $((150 * factor)) "${mssn[@]}" tune -d opencl --size "$tune_size" -v
    if grep -q "cannot be tuned on the device clock" "$out/tune.log"; then
        step tune-wall $((150 * factor)) "${mssn[@]}" tune -d opencl --clock wall --size "$tune_size" -v
        cp "$out/tune-wall.log" "$out/tune.log"
    fi
    design_summary "$out/tune.log" | while IFS= read -r line; do note "$line"; done
    step profile-fp32 $((45 * factor)) "${mssn[@]}" profile -d opencl -m "$bundle/MSSN_M_x2.pt" -s 2 --size "$size" --runs "$profile_runs" --csv "$out/profile-fp32.csv"
    step profile-fp16 $((45 * factor)) "${mssn[@]}" profile -d opencl -m "$bundle/MSSN_M_x2.pt" -s 2 -p fp16 --size "$size" --runs "$profile_runs" --no-peak --csv "$out/profile-fp16.csv"
    step bench-fp32 $((45 * factor)) "${mssn[@]}" bench -d opencl -m "$bundle/MSSN_M_x2.pt" -s 2 --size "$size" --runs "$runs"
    step bench-fp16 $((45 * factor)) "${mssn[@]}" bench -d opencl -m "$bundle/MSSN_M_x2.pt" -s 2 -p fp16 --size "$size" --runs "$runs"
    for p in fp32 fp16; do note "bench $p: $(grep 'two tiles in flight' "$out/bench-$p.log")"; done
    step torch-fp32 $((60 * factor)) "${MSSN_GPU_CHECK_PYTHON:-python3}" "$root/bench/torch_baseline.py" --weights "$bundle/MSSN_M_x2.pt" --width "${size%x*}" --height "${size#*x}" --runs "$torch_runs" --warmup "$torch_warmup"
    unset LD_PRELOAD
    rm -rf "$work"
    note "results in $out"
}

# Per design the tuner may choose: how many candidates ran, why the others did not, and what it chose.
design_summary() {
    python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
tuned = re.search(r"^tuned: \S+ .*?\): (.*)$", text, re.M)
tuned = dict(re.findall(r"(\w+) (vw=[^,]+|not used)", tuned.group(1))) if tuned else {}
kept = "written" if re.search(r"^wrote ", text, re.M) else "not written: the network ran slower with it" \
    if "tuning file is left as it was" in text else "nothing tuned"
measured = dict(re.findall(r"(\w+) (\d+ us(?: against \d+ us for the kernels it replaces)?)", text.split("bin/mssn tune on ")[-1]))
designs = []
for m in re.finditer(r"^(\w+) +(vw=\d+ per-item=\d+ blocks=\w+ local=\d+) +(.*)$", text, re.M):
    if m.group(1) not in designs:
        designs.append(m.group(1))
for d in designs:
    rows = [m.group(1) for m in re.finditer(r"^" + d + r" +vw=\S+ per-item=\S+ blocks=\S+ local=\S+ +(.*)$", text, re.M)]
    ran = sum(1 for r in rows if r.endswith(" us"))
    wrong = sum(1 for r in rows if "differs from the exact kernel" in r)
    slow = sum(1 for r in rows if "in its first runs" in r)
    defect = sum(1 for r in rows if "known driver defect" in r)
    failed = sum(1 for r in rows if r.startswith("rejected:")) - wrong - slow
    print(f"design {d}: {ran} ran, {wrong} wrong output, {failed} failed to build or launch, {slow} dropped as slow, "
          f"{defect} not tried (driver defect); best {measured.get(d, '?')}; chosen: {tuned.get(d, '?')} ({kept})")
if not designs:
    print("designs: no tuner output (see tune.log)")
PY
}

case "$mode" in
    prepare) prepare ;;
    run) run ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
