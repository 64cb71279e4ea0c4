"""PyTorch eager fp32 baseline: MSSN from a released checkpoint on one GPU, ms per frame.

The same model and weights the Java library runs (training/mssn.py maps the released
checkpoint); TF32 is switched off so that the baseline computes in fp32 as the OpenCL path
does. Prints one line per measurement, key=value, for bench/gpu-check.sh to collect.
"""
import argparse
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'training'))
from mssn import from_official_state_dict  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--weights', required=True, help="the authors' released checkpoint (.pt)")
    ap.add_argument('--variant', default='MSSN-M')
    ap.add_argument('--scale', type=int, default=2)
    ap.add_argument('--width', type=int, default=1920)
    ap.add_argument('--height', type=int, default=1080)
    ap.add_argument('--runs', type=int, default=20)
    ap.add_argument('--warmup', type=int, default=3)
    a = ap.parse_args()
    # without CUDA (a rehearsal of the check) it runs on the CPU and says so
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cudnn.benchmark = True
    sd = torch.load(a.weights, map_location='cpu', weights_only=False)
    model = from_official_state_dict(sd, a.variant, a.scale).eval().to(device)
    g = torch.Generator().manual_seed(1)
    x = (torch.rand(1, 3, a.height, a.width, generator=g) * 255).to(device)
    times = []
    with torch.no_grad():
        for _ in range(a.warmup):
            model(x)
        for _ in range(a.runs):
            if device == 'cuda':
                torch.cuda.synchronize()
                start = torch.cuda.Event(enable_timing=True)
                end = torch.cuda.Event(enable_timing=True)
                start.record()
                model(x)
                end.record()
                torch.cuda.synchronize()
                times.append(start.elapsed_time(end))
            else:
                t = time.perf_counter()
                model(x)
                times.append((time.perf_counter() - t) * 1e3)
    name = torch.cuda.get_device_name(0) if device == 'cuda' else 'cpu'
    print(f'torch={torch.__version__} device={name} variant={a.variant} scale={a.scale} '
          f'lr={a.width}x{a.height} runs={a.runs} median_ms={statistics.median(times):.2f} min_ms={min(times):.2f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
