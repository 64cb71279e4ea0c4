"""Pre-extract aligned LR/HR training patches from T91 + BSD200 into .npz arrays.

LR is made from the modcropped HR with the protocol's MATLAB-compatible bicubic. The last
VAL_COUNT BSD200 images (sorted by name) are held out for validation and never patched.
"""
import argparse
import os

import numpy as np

import protocol
from matlab_bicubic import downscale_u8

VAL_COUNT = 10


def split(datasets):
    t91 = protocol.list_images(os.path.join(datasets, 'T91'))
    bsd = protocol.list_images(os.path.join(datasets, 'BSD200'))
    return t91 + bsd[:-VAL_COUNT], bsd[-VAL_COUNT:]


def patches(paths, s, lr_size, stride):
    lrs, hrs = [], []
    for path in paths:
        hr = protocol.modcrop(protocol.load_rgb(path), s)
        lr = downscale_u8(hr, s)
        h, w = lr.shape[:2]
        for y in range(0, h - lr_size + 1, stride):
            for x in range(0, w - lr_size + 1, stride):
                lrs.append(lr[y:y + lr_size, x:x + lr_size])
                hrs.append(hr[y * s:(y + lr_size) * s, x * s:(x + lr_size) * s])
    return np.stack(lrs), np.stack(hrs)


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--datasets', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'datasets'))
    ap.add_argument('--scale', type=int, required=True)
    ap.add_argument('--lr-size', type=int, default=48)
    ap.add_argument('--stride', type=int, default=24)
    ap.add_argument('--out', required=True)
    ap.add_argument('--limit', type=int, default=0, help='use only the first N training images (smoke tests)')
    a = ap.parse_args()
    train, _ = split(a.datasets)
    if a.limit:
        train = train[:a.limit]
    lr, hr = patches(train, a.scale, a.lr_size, a.stride)
    np.savez(a.out, lr=lr, hr=hr, scale=a.scale)
    print(f'{a.out}: {len(lr)} patches from {len(train)} images, LR {a.lr_size}px, x{a.scale}')
