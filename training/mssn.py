"""MSSN (Mobile Share-Source Network) as specified in docs/mssn.md.

Parameter names follow the weights file layout of the project (docs/weights-format.md) so that
export is a rename-free fold of the weight normalisation.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

RGB_MEAN = (0.4488, 0.4371, 0.4040)
UNITS_PER_BLOCK = 4

VARIANTS = {
    # name: (channels C, hidden H, blocks N)
    'MSSN-S': (32, 64, 4),
    'MSSN-M': (64, 128, 4),
    'MSSN': (64, 256, 6),
}


class WNConv2d(nn.Module):
    """Weight-normalised convolution: W = g * v / ||v||, norm per output channel."""

    def __init__(self, cin, cout, k, groups=1, bias=True):
        super().__init__()
        self.groups = groups
        self.weight_v = nn.Parameter(torch.empty(cout, cin // groups, k, k))
        nn.init.kaiming_uniform_(self.weight_v, a=5 ** 0.5)
        self.weight_g = nn.Parameter(self.weight_v.detach().flatten(1).norm(dim=1).view(cout, 1, 1, 1).clone())
        self.bias = nn.Parameter(torch.zeros(cout)) if bias else None
        self.pad = k // 2

    def weight(self):
        norm = self.weight_v.flatten(1).norm(dim=1).view(-1, 1, 1, 1)
        return self.weight_g * self.weight_v / norm

    def forward(self, x):
        return F.conv2d(x, self.weight(), self.bias, padding=self.pad, groups=self.groups)


class Scalar(nn.Module):
    def __init__(self, value):
        super().__init__()
        self.scale = nn.Parameter(torch.tensor([float(value)]))

    def forward(self, x):
        return x * self.scale


class Mawru(nn.Module):
    """Mobile adaptive weighted residual unit."""

    def __init__(self, c, h):
        super().__init__()
        self.expand = WNConv2d(c, h, 1, bias=False)
        self.dw = WNConv2d(h, h, 3, groups=h, bias=False)
        self.project = WNConv2d(h, c, 1, bias=False)
        self.mu_res = Scalar(1.0)
        self.mu_x = Scalar(1.0)

    def forward(self, y):
        t = F.relu6(self.expand(y))
        t = F.relu6(self.dw(t))
        t = self.project(t)
        return self.mu_res(t) + self.mu_x(y)


class CascadingBlock(nn.Module):
    def __init__(self, c, h):
        super().__init__()
        self.units = nn.ModuleList(Mawru(c, h) for _ in range(UNITS_PER_BLOCK))

    def forward(self, y):
        for u in self.units:
            y = u(y)
        return y


class MSSN(nn.Module):
    def __init__(self, variant='MSSN-M', scale=2, lambda_res_index=None):
        super().__init__()
        c, h, n = VARIANTS[variant]
        self.variant, self.scale, self.channels, self.hidden, self.n_blocks = variant, scale, c, h, n
        self.lambda_res_index = list(lambda_res_index) if lambda_res_index is not None else list(range(n))
        s2 = 3 * scale * scale
        self.head = WNConv2d(3, c, 3)
        self.skip = WNConv2d(3, s2, 5)
        self.tail = WNConv2d(c, s2, 3)
        self.blocks = nn.ModuleList(CascadingBlock(c, h) for _ in range(n))
        self.lambda_res = nn.Parameter(torch.ones(max(self.lambda_res_index) + 1))
        self.lambda_x = nn.Parameter(torch.ones(n))
        self.register_buffer('mean', torch.tensor(RGB_MEAN).view(1, 3, 1, 1) * 255)

    def forward(self, lr):
        """lr: N x 3 x h x w in 0..255. Returns N x 3 x sh x sw in 0..255 (unrounded)."""
        x = (lr - self.mean) / 127.5
        skip = self.skip(x)
        x0 = self.head(x)
        h = x0
        for i, block in enumerate(self.blocks):
            y = block(h)
            h = self.lambda_res[self.lambda_res_index[i]] * y + self.lambda_x[i] * x0
        out = F.pixel_shuffle(self.tail(h) + skip, self.scale)
        return out * 127.5 + self.mean


def from_official_state_dict(sd, variant, scale):
    """Map the authors' released state dict onto this module (the 6-block quirk included)."""
    c, h, n = VARIANTS[variant]
    if 'body.0.b0.body.0.body.0.weight_v' not in sd:
        raise ValueError('not an MSSN checkpoint of the released layout (no weight-normalised MAWRU tensors)')
    lam_index = [0, 1, 2, 3, 2, 3] if n == 6 else list(range(n))
    model = MSSN(variant, scale, lam_index)
    own = {}
    for part in ('head', 'skip', 'tail'):
        for t in ('weight_v', 'weight_g', 'bias'):
            own[f'{part}.{t}'] = sd[f'{part}.0.{t}']
    for i in range(n):
        for k in range(UNITS_PER_BLOCK):
            src = f'body.0.b{i}.body.{k}'
            dst = f'blocks.{i}.units.{k}'
            for name, idx in (('expand', 0), ('dw', 2), ('project', 4)):
                for t in ('weight_v', 'weight_g'):
                    own[f'{dst}.{name}.{t}'] = sd[f'{src}.body.{idx}.{t}']
            own[f'{dst}.mu_res.scale'] = sd[f'{src}.res_scale.scale']
            own[f'{dst}.mu_x.scale'] = sd[f'{src}.x_scale.scale']
    stored = max(lam_index) + 1
    own['lambda_res'] = torch.cat([sd[f'body.0.res_scale{j}.scale'] for j in range(stored)])
    own['lambda_x'] = torch.cat([sd[f'body.0.x_scale{j}.scale'] for j in range(n)])
    own['mean'] = model.mean
    model.load_state_dict(own, strict=True)
    return model
