"""Export a training checkpoint to the project's weights format (docs/weights-format.md).

    python3 export.py CHECKPOINT OUT.safetensors

With --fixture, writes instead a small randomly initialised model together with an LR image
and the network's float output computed here, which the Java tests must reproduce: the
contract on tensor names, layout and the forward pass between the two languages.
"""
import argparse
import json
import os
import struct

import numpy as np
import torch

from mssn import MSSN, UNITS_PER_BLOCK


def folded_tensors(model):
    """Tensor name -> float32 array, weight normalisation folded, in the file's order."""
    t = {}
    with torch.no_grad():
        for part in ('head', 'skip', 'tail'):
            conv = getattr(model, part)
            t[f'{part}.weight'] = conv.weight()
            t[f'{part}.bias'] = conv.bias
        for i, block in enumerate(model.blocks):
            for k, unit in enumerate(block.units):
                p = f'blocks.{i}.units.{k}.'
                t[p + 'expand.weight'] = unit.expand.weight()
                t[p + 'dw.weight'] = unit.dw.weight()
                t[p + 'project.weight'] = unit.project.weight()
                t[p + 'mu_res'] = unit.mu_res.scale
                t[p + 'mu_x'] = unit.mu_x.scale
        t['lambda_res'] = model.lambda_res
        t['lambda_x'] = model.lambda_x
    return {k: v.detach().cpu().float().numpy() for k, v in t.items()}


def metadata(model, extra):
    m = {
        'format': 'mssn', 'format_version': '1', 'variant': model.variant, 'scale': str(model.scale),
        'channels': str(model.channels), 'hidden': str(model.hidden), 'blocks': str(model.n_blocks),
        'units_per_block': str(UNITS_PER_BLOCK),
        'lambda_res_index': ','.join(str(i) for i in model.lambda_res_index),
    }
    m.update(extra)
    return m


def write_safetensors(path, tensors, meta):
    header, offset = {'__metadata__': meta}, 0
    for name, a in tensors.items():
        n = a.size * 4
        header[name] = {'dtype': 'F32', 'shape': list(a.shape), 'data_offsets': [offset, offset + n]}
        offset += n
    blob = json.dumps(header, separators=(',', ':')).encode()
    blob += b' ' * (-len(blob) % 8)
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<Q', len(blob)))
        f.write(blob)
        for a in tensors.values():
            f.write(np.ascontiguousarray(a, dtype='<f4').tobytes())
    os.replace(tmp, path)


def read_safetensors(path):
    """(metadata, name -> float32 array) of a weights file written by write_safetensors."""
    raw = open(path, 'rb').read()
    n = struct.unpack('<Q', raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop('__metadata__', {})
    body = raw[8 + n:]
    tensors = {}
    for name, h in header.items():
        if h['dtype'] != 'F32':
            raise ValueError(f'{path}: {name} is {h["dtype"]}, not F32')
        start, end = h['data_offsets']
        tensors[name] = np.frombuffer(body[start:end], dtype='<f4').reshape(h['shape'])
    return meta, tensors


def export(checkpoint, out, extra):
    ck = torch.load(checkpoint, map_location='cpu', weights_only=False)
    model = MSSN(ck['variant'], ck['scale'], ck.get('lambda_res_index'))
    model.load_state_dict(ck['model'])
    info = {'source': 'trained by this project (training/train.py)', 'training_steps': str(ck['step'])}
    info.update(extra)
    write_safetensors(out, folded_tensors(model), metadata(model, info))
    print(f'{out}: {model.variant} x{model.scale}, step {ck["step"]}')


def fixture(out_dir, variant, scale, seed):
    torch.manual_seed(seed)
    model = MSSN(variant, scale).eval()
    with torch.no_grad():  # move the scalars off 1.0 so that a swapped pair shows
        for p in model.parameters():
            if p.numel() <= 8:
                p.uniform_(0.5, 1.5)
    rng = np.random.default_rng(seed)
    lr = rng.integers(0, 256, size=(9, 13, 3), dtype=np.uint8)
    with torch.no_grad():
        sr = model(torch.from_numpy(lr.astype(np.float32)).permute(2, 0, 1)[None])[0].permute(1, 2, 0).numpy()
    os.makedirs(out_dir, exist_ok=True)
    name = f'{variant.lower()}-x{scale}-random'
    write_safetensors(os.path.join(out_dir, name + '.safetensors'), folded_tensors(model),
                      metadata(model, {'source': f'random initialisation, seed {seed} (test fixture)'}))
    np.save(os.path.join(out_dir, name + '.lr.npy'), lr)
    np.save(os.path.join(out_dir, name + '.sr.npy'), sr.astype(np.float32))
    print(f'fixture {name} in {out_dir}')


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('checkpoint', nargs='?')
    ap.add_argument('out', nargs='?')
    ap.add_argument('--note', action='append', default=[], help='extra metadata KEY=VALUE')
    ap.add_argument('--fixture', help='write the cross-language test fixture into this folder')
    ap.add_argument('--variant', default='MSSN-S')
    ap.add_argument('--scale', type=int, default=3)
    ap.add_argument('--seed', type=int, default=5)
    a = ap.parse_args()
    if a.fixture:
        fixture(a.fixture, a.variant, a.scale, a.seed)
    else:
        if not a.checkpoint or not a.out:
            ap.error('CHECKPOINT and OUT are required (or --fixture DIR)')
        export(a.checkpoint, a.out, dict(kv.split('=', 1) for kv in a.note))
