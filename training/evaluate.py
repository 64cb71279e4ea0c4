"""Score a model (authors' checkpoint, training checkpoint or bicubic) with the shared protocol."""
import argparse
import sys

import numpy as np
import torch

import protocol
from matlab_bicubic import downscale_u8
from mssn import from_official_state_dict, MSSN


def upscale(model, lr_u8):
    with torch.no_grad():
        device = next(model.parameters()).device
        x = torch.from_numpy(lr_u8.astype(np.float32)).permute(2, 0, 1)[None].to(device)
        y = model(x)[0].permute(1, 2, 0).cpu().numpy()
    return np.clip(np.round(y), 0, 255).astype(np.uint8)


def evaluate(model, paths, s, log=print):
    ps, ss = [], []
    for path in paths:
        hr = protocol.modcrop(protocol.load_rgb(path), s)
        if model is None:
            p, q = protocol.bicubic_y_baseline(hr, s, protocol.is_grey(path)), float('nan')
        else:
            p, q = protocol.score(upscale(model, downscale_u8(hr, s)), hr, s)
        ps.append(p)
        ss.append(q)
        log(f'{path} psnr={p:.2f} ssim={q:.4f}')
    return float(np.mean(ps)), float(np.mean(ss))


def load_model(spec, variant, scale):
    if spec == 'bicubic':
        return None
    ckpt = torch.load(spec, map_location='cpu', weights_only=False)
    if 'model' in ckpt:  # our training checkpoint
        m = MSSN(ckpt['variant'], ckpt['scale'])
        m.load_state_dict(ckpt['model'])
        return m.eval()
    return from_official_state_dict(ckpt, variant, scale).eval()


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', required=True, help="checkpoint .pt or 'bicubic'")
    ap.add_argument('--variant', default='MSSN-M')
    ap.add_argument('--scale', type=int, default=2)
    ap.add_argument('--data', required=True)
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    p, s = evaluate(load_model(a.model, a.variant, a.scale), protocol.list_images(a.data), a.scale)
    print(f'MEAN psnr={p:.2f} ssim={s:.4f}')
