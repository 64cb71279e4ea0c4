#!/usr/bin/env bash
# A few training steps on a tiny crop: patches, train, kill-and-resume gives the same curve,
# export to the project's weights format. Needs python3-torch, python3-numpy, python3-pil and
# ../shared/datasets beside the project.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py=/usr/bin/python3
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$here"

$py prepare.py --scale 2 --lr-size 16 --stride 16 --limit 2 --out "$tmp/p.npz"
common=(--variant MSSN-S --scale 2 --patches "$tmp/p.npz" --batch 4 --steps 4 --save-every 2 --eval-every 1000 --threads 2)
$py train.py "${common[@]}" --checkpoint "$tmp/straight.pt"
$py train.py "${common[@]}" --checkpoint "$tmp/resumed.pt" --stop-after 2
$py train.py "${common[@]}" --checkpoint "$tmp/resumed.pt"
# the learning curves must agree step for step (the elapsed-time column aside)
if ! diff <(cut -d, -f1-4 "$tmp/straight.pt.csv") <(cut -d, -f1-4 "$tmp/resumed.pt.csv"); then
  echo "smoke test: resumed run diverged from the uninterrupted one" >&2
  exit 1
fi
# the GPU options: batches built on the device are the host's, and a run with them completes
$py - "$tmp/p.npz" <<'PY'
import sys
import numpy as np
import torch
from train import batch
host = dict(np.load(sys.argv[1]))
device = {'lr': torch.from_numpy(host['lr']), 'hr': torch.from_numpy(host['hr'])}
for step in range(16):
    for a, b in zip(batch(host, step, 1, 4, 'cpu'), batch(device, step, 1, 4, 'cpu')):
        assert torch.equal(a, b), step
print('smoke test: batches built on the device equal those built on the host')
PY
$py train.py "${common[@]}" --checkpoint "$tmp/gpu-options.pt" --data-on-device --channels-last --amp bf16
$py export.py "$tmp/resumed.pt" "$tmp/m.safetensors"
$py - "$tmp/m.safetensors" <<'PY'
import json, struct, sys
raw = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', raw[:8])[0]
h = json.loads(raw[8:8 + n])
assert h['__metadata__']['variant'] == 'MSSN-S' and h['__metadata__']['scale'] == '2', h['__metadata__']
assert len(h) - 1 == 6 + 4 * 4 * 5 + 2, len(h)
print('smoke test: ok,', len(h) - 1, 'tensors')
PY
# a warm restart from exported weights starts from exactly the network the file holds, and trains on
$py - "$tmp/m.safetensors" <<'PY'
import sys
import numpy as np
from export import folded_tensors, read_safetensors
from mssn import MSSN
from train import init_from_weights
model = MSSN('MSSN-S', 2)
assert init_from_weights(model, sys.argv[1]) == 4
_, saved = read_safetensors(sys.argv[1])
for name, a in folded_tensors(model).items():
    assert np.allclose(a, saved[name], rtol=1e-5, atol=1e-7), name
print('smoke test: weights loaded for a warm restart give back the exported tensors')
PY
$py train.py "${common[@]}" --steps 6 --checkpoint "$tmp/warm.pt" --init-weights "$tmp/m.safetensors"
[ "$(tail -1 "$tmp/warm.pt.csv" | cut -d, -f1)" = 6 ] || { echo "smoke test: the warm restart did not reach step 6" >&2; exit 1; }
