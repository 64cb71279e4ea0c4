"""The evaluation protocol of docs/mssn.md: modcrop, Y (BT.601), border crop, PSNR and SSIM."""
import os

import numpy as np
from PIL import Image

from matlab_bicubic import downscale_u8, imresize, to_uint8


def load_rgb(path):
    img = Image.open(path)
    return np.asarray(img.convert('RGB'), dtype=np.uint8)


def modcrop(img, s):
    h, w = img.shape[:2]
    return img[:h - h % s, :w - w % s]


def y_channel(rgb):
    rgb = rgb.astype(np.float64)
    return 16 + (65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]) / 255


def psnr(y_sr, y_hr):
    mse = np.mean((y_sr - y_hr) ** 2)
    return float('inf') if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def _gaussian_window(size=11, sigma=1.5):
    ax = np.arange(size) - (size - 1) / 2
    g = np.exp(-(ax ** 2) / (2 * sigma ** 2))
    g /= g.sum()
    return g


def _filter_valid(img, g):
    # separable 'valid' correlation
    n = len(g)
    rows = sum(g[i] * img[i:img.shape[0] - n + 1 + i, :] for i in range(n))
    return sum(g[i] * rows[:, i:rows.shape[1] - n + 1 + i] for i in range(n))


def ssim(a, b):
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    g = _gaussian_window()
    mu_a, mu_b = _filter_valid(a, g), _filter_valid(b, g)
    saa = _filter_valid(a * a, g) - mu_a ** 2
    sbb = _filter_valid(b * b, g) - mu_b ** 2
    sab = _filter_valid(a * b, g) - mu_a * mu_b
    m = ((2 * mu_a * mu_b + c1) * (2 * sab + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (saa + sbb + c2))
    return float(m.mean())


def score(sr_u8, hr_u8, s):
    """PSNR and SSIM on Y with an s-pixel border cropped, as the published tables do."""
    ys, yh = y_channel(sr_u8)[s:-s, s:-s], y_channel(hr_u8)[s:-s, s:-s]
    return psnr(ys, yh), ssim(ys, yh)


def is_grey(path):
    return Image.open(path).mode in ('L', 'I;16', '1')


def bicubic_y_baseline(hr_u8, s, grey=False):
    """The published 'Bicubic' rows: upscale Y only. A grey source image is its own Y (the
    reference pipeline skips the colour conversion for single-channel images)."""
    y = hr_u8[..., 0].astype(np.float64) if grey else y_channel(hr_u8)
    lr = imresize(y, 1.0 / s)
    up = imresize(lr, float(s), out_shape=y.shape)
    up = np.clip(np.round(up), 0, 255)
    yh = np.round(y)  # Y of the HR as uint8, as MATLAB's rgb2ycbcr does on uint8 input
    return psnr(up[s:-s, s:-s], yh[s:-s, s:-s])


def list_images(folder):
    hr = os.path.join(folder, 'HR')
    folder = hr if os.path.isdir(hr) else folder
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if f.lower().endswith(('.png', '.bmp', '.jpg', '.jpeg')))
