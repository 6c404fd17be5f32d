import { strict as assert } from 'node:assert';
import { findScheme, histogramSvg, PALETTES, resolve } from '../../src/core';
import { analyzePythonSource } from '../../src/analysis/pythonAnalysis';
import { resolveLayerDefault, resolveSite } from '../../src/analysis/siteDistribution';
import { loadParsers } from '../helpers/parsers';

const SOURCE = `import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self, std=0.02):
        super().__init__()
        self.fc = nn.Linear(256, 128)
        self.head = nn.Linear(h, 10)
        self.extra = nn.Linear(h, 10)
        nn.init.kaiming_normal_(self.fc.weight, nonlinearity='relu')
        nn.init.xavier_uniform_(self.fc.bias)
        nn.init.normal_(self.extra.weight, std=0.5)
        nn.init.normal_(self.head.bias, std=self.cfg.init_std)
        nn.init.trunc_normal_(self.fc.weight, std=0.02)

    def forward(self, x):
        return self.head(F.relu(self.fc(x)))
`;

describe('what an init site resolves to (hover, inlay hints, preview)', () => {
  before(() => loadParsers());
  const a = () => analyzePythonSource(SOURCE);
  const site = (line: number) => a().sites.find((s) => s.node.startPosition.row === line - 1)!;

  it('uses the layer\'s weight shape in the framework layout', () => {
    const r = resolveSite(site(10));
    assert.deepEqual(r.shape, [128, 256]);
    const kaiming = findScheme('torch', 'kaiming_normal_')!.scheme;
    assert.deepEqual(r.distribution, resolve(kaiming, [128, 256], { nonlinearity: 'relu' }));
  });

  it('gives a bias its own shape, and the framework\'s error when a fan-based init cannot take it', () => {
    const r = resolveSite(site(11));
    assert.deepEqual(r.shape, [128]);
    assert.equal(r.distribution, undefined);
    assert.match(r.reason!, /^ValueError: Fan in and fan out can not be computed/);
  });

  it('gives numbers for a fixed-scale init even when the widths are unknown', () => {
    const r = resolveSite(site(12));
    assert.equal(r.shape, undefined);
    assert.equal(r.distribution?.std, 0.5);
  });

  it('says which argument is not a literal instead of guessing', () => {
    const r = resolveSite(site(13));
    assert.equal(r.distribution, undefined);
    assert.equal(r.reason, 'std is not a literal');
  });

  it('names the quirk that changes the numbers (trunc_normal_\'s absolute bounds)', () => {
    assert.match(resolveSite(site(14)).quirk!, /absolute values/);
  });

  it('learns an unwritten in_features from the data flow, in PyTorch\'s [out, in] layout', () => {
    const head = a().layers.find((l) => l.refs.includes('self.head'))!;
    assert.deepEqual(head.shape, [10, 128]);
    assert.equal(head.fanIn, 128);
  });

  it('resolves a layer default from the layer kind and shape', () => {
    const fc = a().layers.find((l) => l.refs.includes('self.fc'))!;
    const r = resolveLayerDefault(fc)!;
    assert.equal(r.scheme.name, 'Linear');
    // PyTorch's default: U(±1/√fan_in)
    assert.ok(Math.abs(r.distribution!.bounds[1] - 1 / 16) < 1e-12);
    assert.match(r.quirk!, /a sixth of what ReLU needs/);
  });
});

describe('histogramSvg', () => {
  const normal = resolve(findScheme('torch', 'normal_')!.scheme, [64, 64], { std: 0.1 });

  it('draws one bar per bin, the pdf, and the same picture for the same seed', () => {
    const svg = histogramSvg(normal, { samples: 5000, seed: 3, bins: 25, palette: PALETTES.dark });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/<rect /g) ?? []).length, 25);
    assert.match(svg, /<path d="M/);
    assert.equal(svg, histogramSvg(normal, { samples: 5000, seed: 3, bins: 25, palette: PALETTES.dark }));
    assert.notEqual(svg, histogramSvg(normal, { samples: 5000, seed: 4, bins: 25, palette: PALETTES.dark }));
  });

  it('marks point masses (zeros of a sparse init) as dots', () => {
    const sparse = resolve(findScheme('torch', 'sparse_')!.scheme, [10, 8], { sparsity: 0.5 });
    assert.ok((histogramSvg(sparse, { samples: 2000, seed: 1, palette: PALETTES.light }).match(/<circle /g) ?? []).length >= 1);
  });
});
