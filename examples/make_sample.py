"""Draws examples/sample-lr.png, the project's own low-resolution sample image.

Made from scratch here (shapes, stripes, gradients and text), so it carries the project's licence.
Run: python3 examples/make_sample.py   (needs python3-pil)
"""
import math
import os

from PIL import Image, ImageDraw, ImageFont

W, H = 192, 128
img = Image.new('RGB', (W, H))
px = img.load()
for y in range(H):
    for x in range(W):
        px[x, y] = (int(90 + 80 * x / W), int(140 + 60 * math.sin(y / 11.0)), int(200 - 90 * y / H))
d = ImageDraw.Draw(img)
d.ellipse((14, 18, 70, 74), fill=(235, 190, 40), outline=(120, 60, 10), width=2)
for i in range(12):
    d.line((96 + i * 4, 14, 86 + i * 4, 60), fill=(30, 30, 60) if i % 2 else (250, 250, 250), width=1)
d.polygon([(130, 70), (182, 64), (160, 118)], fill=(40, 120, 70), outline=(10, 40, 20))
d.rectangle((20, 88, 110, 118), fill=(250, 248, 240), outline=(60, 60, 60))
d.text((26, 96), 'MSSN x2', fill=(20, 20, 20), font=ImageFont.load_default())
for r in range(3, 30, 4):
    d.arc((140 - r, 30 - r, 140 + r, 30 + r), 200, 340, fill=(200, 40, 40))
img.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sample-lr.png'), optimize=True)
