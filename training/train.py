"""Train MSSN with L1 loss and Adam; resumable at any step.

Batches are a pure function of (seed, step), so a run killed and resumed from its latest
checkpoint follows the same curve as an uninterrupted one.
"""
import argparse
import contextlib
import copy
import csv
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import prepare
from evaluate import evaluate
from export import folded_tensors, read_safetensors
from mssn import MSSN


def batch(data, step, seed, size, device):
    rng = np.random.default_rng([seed, step])
    idx = rng.integers(0, len(data['lr']), size)
    flip_h, flip_v, transpose = rng.integers(0, 2, 3)
    if torch.is_tensor(data['lr']):
        # patches already on the device (uint8, NHWC): the same draws, no host-to-device copy per step
        i = torch.from_numpy(idx).to(data['lr'].device)
        lr, hr = data['lr'][i], data['hr'][i]
        if flip_h:
            lr, hr = lr.flip(2), hr.flip(2)
        if flip_v:
            lr, hr = lr.flip(1), hr.flip(1)
        if transpose:
            lr, hr = lr.transpose(1, 2), hr.transpose(1, 2)
        # NHWC viewed as NCHW is the channels-last layout; float() keeps it
        return lr.permute(0, 3, 1, 2).float(), hr.permute(0, 3, 1, 2).float()
    lr, hr = data['lr'][idx], data['hr'][idx]
    if flip_h:
        lr, hr = lr[:, :, ::-1], hr[:, :, ::-1]
    if flip_v:
        lr, hr = lr[:, ::-1], hr[:, ::-1]
    if transpose:
        lr, hr = lr.transpose(0, 2, 1, 3), hr.transpose(0, 2, 1, 3)
    to = lambda a: torch.from_numpy(np.ascontiguousarray(a)).permute(0, 3, 1, 2).float().to(device)
    return to(lr), to(hr)


def learning_rate(args, step):
    if args.schedule == 'cosine':
        done = min(step, args.steps) - args.cycle_start
        return args.lr_min + 0.5 * (args.lr - args.lr_min) * (1 + math.cos(math.pi * done / (args.steps - args.cycle_start)))
    return args.lr * 0.5 ** (step // args.halve_every)


def save(path, model, opt, step, args, elapsed):
    tmp = path + '.tmp'
    torch.save({'model': model.state_dict(), 'optimizer': opt.state_dict(), 'step': step,
                'variant': model.variant, 'scale': model.scale, 'lambda_res_index': model.lambda_res_index,
                'args': vars(args), 'elapsed_s': elapsed}, tmp)
    os.replace(tmp, path)


def init_body_from(model, path):
    """Start a new scale from another checkpoint's head and body (tail and skip differ by scale)."""
    src = torch.load(path, map_location='cpu', weights_only=False)['model']
    own = model.state_dict()
    taken = {k: v for k, v in src.items() if not k.startswith(('tail.', 'skip.')) and own[k].shape == v.shape}
    own.update(taken)
    model.load_state_dict(own)
    return len(taken)


def init_from_weights(model, path):
    """Warm start from exported weights (weights/*.safetensors): each folded W becomes v = W with
    g = ||W|| per output channel, so the network computes exactly what the file does. Returns the
    file's training step count, where the learning curve goes on."""
    meta, tensors = read_safetensors(path)
    if meta.get('variant') != model.variant or int(meta.get('scale', 0)) != model.scale:
        raise SystemExit(f"{path} holds {meta.get('variant')} x{meta.get('scale')}, not {model.variant} x{model.scale}")
    if [int(i) for i in meta['lambda_res_index'].split(',')] != model.lambda_res_index:
        raise SystemExit(f"{path} shares lambda as {meta['lambda_res_index']}, this model as {model.lambda_res_index}")
    expected = set(folded_tensors(model))
    if set(tensors) != expected:
        raise SystemExit(f'{path}: tensors differ from the model: missing {sorted(expected - set(tensors))[:3]}, '
                         f'extra {sorted(set(tensors) - expected)[:3]}')
    state = model.state_dict()
    for name, a in tensors.items():
        t = torch.from_numpy(a.copy())
        if name.endswith('.weight'):
            prefix = name[:-len('weight')]
            state[prefix + 'weight_v'] = t
            state[prefix + 'weight_g'] = t.flatten(1).norm(dim=1).view(-1, 1, 1, 1)
        elif name.endswith(('mu_res', 'mu_x')):
            state[name + '.scale'] = t
        else:
            state[name] = t
    model.load_state_dict(state)
    return int(meta.get('training_steps', 0))


def autocast(args):
    """bf16 autocast on CUDA with --amp bf16 (no loss scaling needed); a no-op otherwise."""
    if args.amp == 'bf16' and str(args.device).startswith('cuda'):
        return torch.autocast(device_type='cuda', dtype=torch.bfloat16)
    return contextlib.nullcontext()


def seconds_per_step(model, opt, data, args, probe_steps=30):
    """Time training steps on throwaway copies, so the real run's state is untouched."""
    model, probe_opt = copy.deepcopy(model), torch.optim.Adam(model.parameters(), lr=0.0)
    probe_opt.load_state_dict(opt.state_dict())
    t0 = 0.0
    for i in range(5 + probe_steps):
        if i == 5:
            sync(args.device)
            t0 = time.time()
        lr_img, hr_img = batch(data, i, args.seed + 1, args.batch, args.device)
        with autocast(args):
            loss = F.l1_loss(model(lr_img), hr_img)
        probe_opt.zero_grad()
        loss.backward()
        probe_opt.step()
    sync(args.device)
    return (time.time() - t0) / probe_steps


def sync(device):
    if str(device).startswith('cuda'):
        torch.cuda.synchronize()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--variant', default='MSSN-M')
    ap.add_argument('--scale', type=int, default=2)
    ap.add_argument('--patches', required=True, help='.npz from prepare.py')
    ap.add_argument('--checkpoint', required=True, help='written every --save-every steps; resumed from if present')
    ap.add_argument('--init-from', help='checkpoint of another scale to take head and body from')
    ap.add_argument('--init-weights', help='exported weights (.safetensors) to continue from as a warm restart: '
                                           'a new optimiser and a new cosine from the step the file records')
    ap.add_argument('--steps', type=int, default=20000)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--lr-min', type=float, default=1e-5)
    ap.add_argument('--schedule', choices=['cosine', 'step'], default='cosine')
    ap.add_argument('--cycle-start', type=int, default=0,
                    help='step where the cosine starts (a warm restart when continuing a finished run)')
    ap.add_argument('--halve-every', type=int, default=200000)
    ap.add_argument('--save-every', type=int, default=100)
    ap.add_argument('--eval-every', type=int, default=500)
    ap.add_argument('--datasets', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'datasets'))
    ap.add_argument('--log', help='learning curve CSV (default: checkpoint path + .csv)')
    ap.add_argument('--threads', type=int, default=os.cpu_count())
    ap.add_argument('--device', default='cpu')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--stop-after', type=int, default=0, help='leave after this step, as if killed (time-boxed runs)')
    ap.add_argument('--data-on-device', action='store_true', help='keep all patches on --device (GPU: no copy per step)')
    ap.add_argument('--channels-last', action='store_true', help='NHWC memory layout for the model and batches')
    ap.add_argument('--amp', choices=['none', 'bf16'], default='none', help='bf16 autocast for the forward pass (CUDA only)')
    ap.add_argument('--time-budget', type=float, default=0,
                    help='seconds: set --steps to what fits, from timed probe steps (printed; pass it as --steps to resume)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    log_path = args.log or args.checkpoint + '.csv'

    model = MSSN(args.variant, args.scale).to(args.device)
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    step, elapsed = 0, 0.0
    if os.path.exists(args.checkpoint):
        ck = torch.load(args.checkpoint, map_location=args.device, weights_only=False)
        model.load_state_dict(ck['model'])
        opt.load_state_dict(ck['optimizer'])
        step, elapsed = ck['step'], ck['elapsed_s']
        if args.init_weights:  # a warm restart killed and resumed keeps the cosine it started
            args.cycle_start = ck['args']['cycle_start']
        print(f'resumed {args.checkpoint} at step {step}')
    elif args.init_weights:
        step = args.cycle_start = init_from_weights(model, args.init_weights)
        print(f'warm restart from {args.init_weights} at step {step}')
        if args.steps <= step and not args.time_budget:
            raise SystemExit(f'--steps {args.steps} must be past the step the weights record ({step})')
    elif args.init_from:
        print(f'took {init_body_from(model, args.init_from)} tensors from {args.init_from}')

    data = dict(np.load(args.patches))
    if int(data['scale']) != args.scale:
        raise SystemExit(f'{args.patches} holds x{int(data["scale"])} patches, not x{args.scale}')
    if args.data_on_device:
        data = {'lr': torch.from_numpy(data['lr']).to(args.device), 'hr': torch.from_numpy(data['hr']).to(args.device)}
    _, val_paths = prepare.split(args.datasets)
    if args.time_budget:
        per_step = seconds_per_step(model, opt, data, args)
        # 15% kept back for validation passes, checkpoints and the shared machine's noise
        fit = int(args.time_budget * 0.85 / per_step) // args.save_every * args.save_every
        args.steps = step + max(fit, args.save_every)
        print(f'{per_step * 1000:.1f} ms/step: training to step {args.steps}', flush=True)
    new_log = not os.path.exists(log_path)
    with open(log_path, 'a', newline='') as f:
        w = csv.writer(f)
        if new_log:
            w.writerow(['step', 'lr', 'train_l1', 'val_psnr', 'elapsed_s'])
        losses, t0 = [], time.time()
        while step < args.steps:
            lr_now = learning_rate(args, step)
            for g in opt.param_groups:
                g['lr'] = lr_now
            lr_img, hr_img = batch(data, step, args.seed, args.batch, args.device)
            with autocast(args):
                loss = F.l1_loss(model(lr_img), hr_img)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.detach())
            step += 1
            if step % args.save_every == 0 or step == args.steps:
                elapsed += time.time() - t0
                t0 = time.time()
                val = ''
                if step % args.eval_every == 0 or step == args.steps:
                    model.eval()
                    val = f'{evaluate(model, val_paths, args.scale, log=lambda _: None)[0]:.3f}'
                    model.train()
                save(args.checkpoint, model, opt, step, args, elapsed)
                mean_l1 = torch.stack(losses).float().mean().item()  # one device sync per checkpoint, not per step
                w.writerow([step, f'{lr_now:.3g}', f'{mean_l1:.4f}', val, f'{elapsed:.0f}'])
                f.flush()
                print(f'step {step} lr {lr_now:.3g} l1 {mean_l1:.4f} val {val} ({elapsed:.0f}s)', flush=True)
                losses = []
                if step == args.stop_after:
                    return


if __name__ == '__main__':
    main()
