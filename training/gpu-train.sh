#!/usr/bin/env bash
# Training on a lent GPU, which has PyTorch but no network: prepared here, run there.
#
#   training/gpu-train.sh prepare [PART]   build training/gpu-bundle (ignored by git) from ../shared:
#       T91, half of the BSD200 training images (PART 0: the 1st, 3rd, ... by name; 1: the 2nd,
#       4th, ...; all of them do not fit the 64 MiB upload beside the code, so alternate PART
#       between calls) and the 10 held-out validation images (the last 10 by name, as prepare.py
#       holds out). Set5, Set14 and B100 never travel.
#   training/gpu-train.sh run [MODEL]      MODEL: mssn-m-x2 (default), mssn-m-x4, mssn-m-x3,
#       mssn-s-x2, ...: patches from the bundle, then continue from the shipped weights/MODEL.safetensors
#       for what is left of TRAIN_BUDGET_S (default 480 s for the whole call) as a warm restart
#       (new optimiser, cosine from 2e-4 down over the steps that fit), then export. Writes under
#       $OUT (default ./gpu-train-out): MODEL.pt (model, optimiser, step; resumed if the call is
#       repeated with the same $OUT), MODEL.pt.csv (the whole learning curve,
#       training/curves/MODEL.csv with this call's rows appended), MODEL.safetensors and run.log.
#
# Through the device tool: command "training/gpu-train.sh run mssn-m-x2", carry
# ["training/gpu-bundle"], timeout 600. After the call, score MODEL.safetensors with bin/mssn
# eval and, if it beats the embedded weights, copy it to weights/ and MODEL.pt.csv to
# training/curves/MODEL.csv (docs/training.md). Checkpoints are never committed. On the GPU: patches kept on the
# device, channels-last, bf16 autocast, batches of 64 crops of 96 HR pixels (48 LR at x2).
# TRAIN_DEVICE=cpu rehearses it here.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bundle="$here/gpu-bundle"
mode="${1:-}"

prepare() {
    set -e
    local part="${1:-0}" shared="$here/../../shared/datasets"
    [ "$part" = 0 ] || [ "$part" = 1 ] || { echo "PART is 0 or 1, got $part" >&2; exit 2; }
    [ -d "$shared" ] || { echo "$shared not found" >&2; exit 1; }
    rm -rf "$bundle"
    mkdir -p "$bundle/datasets/T91/HR" "$bundle/datasets/BSD200/HR"
    cp "$shared"/T91/HR/* "$bundle/datasets/T91/HR/"
    mapfile -t bsd < <(ls "$shared/BSD200/HR" | sort)
    local n=${#bsd[@]} i
    for ((i = 0; i < n; i++)); do
        if ((i >= n - 10 || i % 2 == part)); then
            cp "$shared/BSD200/HR/${bsd[$i]}" "$bundle/datasets/BSD200/HR/"
        fi
    done
    echo "part $part" > "$bundle/PART"
    du -sh "$bundle"
}

run() {
    local model="${1:-mssn-m-x2}"
    local out="${OUT:-$PWD/gpu-train-out}"
    mkdir -p "$out"
    exec > >(tee -a "$out/run.log") 2>&1
    [ -d "$bundle/datasets" ] || { echo "no bundle at $bundle: run 'training/gpu-train.sh prepare' first"; exit 1; }
    [[ $model =~ ^mssn-(m|s)-x([234])$ ]] || { echo "MODEL is mssn-m-x2, mssn-s-x3 and the like, got $model"; exit 2; }
    local variant="MSSN-${BASH_REMATCH[1]^^}" scale="${BASH_REMATCH[2]}"
    local py="${TRAIN_PYTHON:-python3}" budget="${TRAIN_BUDGET_S:-480}"
    local device="${TRAIN_DEVICE:-$($py -c 'import torch; print("cuda" if torch.cuda.is_available() else "cpu")')}"
    echo "$model ($variant x$scale) on $device, $(cat "$bundle/PART"), budget ${budget}s"
    [ "$device" = cuda ] && nvidia-smi --query-gpu=name,driver_version --format=csv,noheader

    local work
    work="$(mktemp -d)"
    (cd "$here" && $py prepare.py --datasets "$bundle/datasets" --scale "$scale" --out "$work/p.npz") || exit 1
    local checkpoint="$out/$model.pt" weights="$here/../weights/$model.safetensors"
    if [ ! -f "$checkpoint" ] && [ -f "$here/curves/$model.csv" ]; then
        cp "$here/curves/$model.csv" "$checkpoint.csv"
    fi
    local start=()
    [ -f "$weights" ] && start=(--init-weights "$weights")
    local left=$((budget - SECONDS - 30)) # 30 s kept for the export
    echo "continuing from ${weights##*/} (or $model.pt in \$OUT when resumed); ${left}s left for training"
    local gpu=()
    [ "$device" = cuda ] && gpu=(--batch 64 --data-on-device --channels-last --amp bf16 --save-every 500 --eval-every 2000)
    [ "$device" = cpu ] && gpu=(--batch 16 --save-every 20 --eval-every 1000)
    (cd "$here" && $py train.py --variant "$variant" --scale "$scale" --patches "$work/p.npz" --checkpoint "$checkpoint" \
        --datasets "$bundle/datasets" --device "$device" --lr 2e-4 "${start[@]}" --time-budget "$left" \
        --threads "$(nproc)" "${gpu[@]}") || echo "train.py failed (rc $?)"
    (cd "$here" && $py export.py "$checkpoint" "$out/$model.safetensors") || echo "export failed"
    rm -rf "$work"
    echo "done in ${SECONDS}s; results in $out: $(ls "$out" | tr '\n' ' ')"
}

case "$mode" in
    prepare) shift; prepare "$@" ;;
    run) shift; run "$@" ;;
    *) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
