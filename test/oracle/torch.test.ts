/**
 * Oracle test: the torch side of the init core against real PyTorch.
 *
 * Builds a grid of init calls, calculate_gain calls and module defaults, sends it to ONE Python
 * process (test/oracle/torch_oracle.py) in `before`, and checks for every combination:
 *   - errors: the same Python exception class and the same str(e);
 *   - the exact arguments PyTorch passed to uniform_/normal_/fill_/zero_/mul_/… (captured by
 *     monkeypatching torch.Tensor) against our low/high, mu/sigma, constant value, gain (1e-9 rel.);
 *   - fans against _calculate_fan_in_and_fan_out, gains against calculate_gain;
 *   - deterministic tensors (eye_, dirac_, constants) element by element;
 *   - for a subset, sample mean/variance of our sampler and of torch within 4 standard errors,
 *     trunc_normal_ ranges, sparse_/padding zero patterns and orthogonality.
 */
import assert from 'node:assert/strict';
import erf = require('@stdlib/math-base-special-erf');
import {
  calculateGain, findScheme, InitError, moments, resolve, sample, sampleTensor,
  type Distribution, type Params, type ParamValue,
} from '../../src/core';
import { askTorch, checkTorch, oraclesSkipped, type TorchAnswer, type TorchCall, type TorchModuleSpec, type TorchRequest } from './torchOracle';

const REL = 1e-9;
const SAMPLE_N = 200_000;
const SE_LIMIT = 4;

// ---------------------------------------------------------------------------------------------
// The grid
// ---------------------------------------------------------------------------------------------

type Kind = 'init' | 'module' | 'gain' | 'exists';

interface Case {
  title: string;
  group: string;
  kind: Kind;
  req: TorchRequest;
  /** An extra calculate_gain(nonlinearity, a) request whose answer is the gain kaiming_* must use. */
  gainReq?: TorchRequest;
  /** Our side. */
  scheme?: string;
  shape?: number[];
  params?: Params;
  gain?: { nonlinearity: string; param: ParamValue };
  existsName?: string;
  sampleN?: number;
  seed: number;
  /** Compare every element of one tensor (deterministic families). */
  values?: boolean;
}

const cases: Case[] = [];
let seedCounter = 1;

const fmt = (v: unknown): string => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v));
const fmtParams = (p: Record<string, unknown>) => Object.entries(p).map(([k, v]) => `${k}=${fmt(v)}`).join(', ');

function initCase(group: string, fn: string, shape: number[], kwargs: Record<string, ParamValue> = {}, opts: { n?: number; values?: boolean } = {}): Case {
  const seed = seedCounter++;
  const c: Case = {
    title: `${fn}(empty(${shape.join(', ')})${Object.keys(kwargs).length ? ', ' + fmtParams(kwargs) : ''})${opts.n ? ` ~ n=${opts.n}` : ''}`,
    group, kind: 'init', scheme: fn, shape, params: kwargs, sampleN: opts.n, seed, values: opts.values,
    req: { fn, shape, kwargs, n: opts.n, seed, values: opts.values },
  };
  if (/kaiming/.test(fn)) {
    const nonlinearity = (kwargs.nonlinearity ?? 'leaky_relu') as string;
    const a = kwargs.a === undefined ? 0 : kwargs.a;
    c.gainReq = { fn: 'calculate_gain', kwargs: { nonlinearity, param: a } };
  }
  cases.push(c);
  return c;
}

function moduleCase(
  group: string, scheme: string, shape: number[], params: Params, module: TorchModuleSpec,
  opts: { n?: number; values?: boolean } = {},
): Case {
  const seed = seedCounter++;
  const args = [...(module.args ?? []).map(fmt), ...Object.entries(module.kwargs ?? {}).map(([k, v]) => `${k}=${fmt(v)}`)].join(', ');
  const c: Case = {
    title: `nn.${module.cls}(${args}).${module.param} ~ ${scheme}[${shape.join(', ')}]${Object.keys(params).length ? ' ' + fmtParams(params) : ''}${opts.n ? ` ~ n=${opts.n}` : ''}`,
    group, kind: 'module', scheme, shape, params, sampleN: opts.n, seed, values: opts.values,
    req: { fn: scheme, module, n: opts.n, seed, values: opts.values },
  };
  cases.push(c);
  return c;
}

function gainCase(nonlinearity: string, param: ParamValue): void {
  cases.push({
    title: `calculate_gain(${fmt(nonlinearity)}, ${fmt(param)})`, group: 'calculate_gain', kind: 'gain',
    gain: { nonlinearity, param }, seed: 0,
    req: { fn: 'calculate_gain', kwargs: { nonlinearity, param } },
  });
}

function existsCase(name: string): void {
  cases.push({
    title: `nn.init.${name} exists iff findScheme('torch', '${name}') does`, group: 'names', kind: 'exists',
    existsName: name, seed: 0, req: { fn: 'hasattr', kwargs: { name } },
  });
}

const NONLINEARITIES = [
  'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d',
  'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu',
];
type KW = Record<string, ParamValue>;
const RANKED_SHAPES = [[7], [3, 5], [4, 3, 5], [8, 4, 3, 3], [4, 2, 3, 3, 3]];
const FAN_SHAPES = [[7], [3, 5], [5, 3], [64, 32], [4, 3, 5], [8, 4, 3, 3], [4, 2, 3, 3, 3]];

// --- uniform_, normal_, trunc_normal_, constant_, ones_, zeros_ over ranks 1–5
for (const shape of RANKED_SHAPES) {
  for (const kw of [{}, { a: -1, b: 1 }, { a: 0.5, b: 2.5 }, { a: -0.1, b: 0.1 }] as KW[]) initCase('uniform_', 'uniform_', shape, kw);
  for (const kw of [{}, { mean: 0.5, std: 2 }, { std: 0.02 }, { mean: -1, std: 0.1 }] as KW[]) initCase('normal_', 'normal_', shape, kw);
  for (const kw of [
    {}, { std: 0.02 }, { mean: 0.5, std: 1, a: -1, b: 1 }, { a: 0, b: Infinity }, { std: 2, a: -1, b: 3 }, { a: 2, b: 3 },
    { mean: 0.1, std: 0.5, a: -0.4, b: 0.6 },
  ] as KW[]) initCase('trunc_normal_', 'trunc_normal_', shape, kw);
  for (const kw of [{ val: 0.3 }, { val: -2 }, { val: 0 }]) initCase('constant_', 'constant_', shape, kw, { values: true });
  initCase('ones_ / zeros_', 'ones_', shape, {}, { values: true });
  initCase('ones_ / zeros_', 'zeros_', shape, {}, { values: true });
}

// --- eye_ and dirac_ (checked element by element)
for (const shape of [[3, 5], [5, 3], [4, 4], [1, 1]]) initCase('eye_', 'eye_', shape, {}, { values: true });
for (const shape of [[7], [2, 3, 4], [2, 3, 3, 3]]) initCase('eye_', 'eye_', shape);
for (const [shape, groups] of [
  [[4, 4, 3], 1], [[4, 4, 3], 2], [[4, 4, 3], 4], [[6, 3, 3, 3], 1], [[6, 3, 3, 3], 3], [[8, 4, 3, 3], 2], [[8, 4, 2, 4], 4],
  [[4, 2, 3, 3, 3], 1], [[4, 2, 3, 3, 3], 2], [[3, 5, 3], 1], [[2, 6, 5, 5], 2], [[6, 1, 3, 3, 3], 3],
] as [number[], number][]) initCase('dirac_', 'dirac_', shape, groups === 1 ? {} : { groups }, { values: true });
for (const [shape, groups] of [[[4, 4, 3], 3], [[6, 3, 3, 3], 4], [[4, 4], 1], [[7], 1], [[2, 2, 2, 2, 2, 2], 1]] as [number[], number][]) {
  initCase('dirac_', 'dirac_', shape, { groups });
}

// --- xavier_*
const XAVIER_GAINS = [1, Math.sqrt(2), 5 / 3, 0.5, 0];
for (const fn of ['xavier_uniform_', 'xavier_normal_']) {
  for (const shape of FAN_SHAPES) for (const gain of XAVIER_GAINS) initCase(fn, fn, shape, gain === 1 ? {} : { gain });
}

// --- kaiming_*: a × mode × nonlinearity × shape
for (const fn of ['kaiming_uniform_', 'kaiming_normal_']) {
  for (const shape of FAN_SHAPES) {
    for (const mode of ['fan_in', 'fan_out']) {
      for (const nonlinearity of NONLINEARITIES) {
        const slopes: ParamValue[] = nonlinearity === 'leaky_relu' ? [0, 0.01, 0.2, null, Math.sqrt(5), 1] : [0, 0.2];
        for (const a of slopes) initCase(fn, fn, shape, { a, mode, nonlinearity });
      }
    }
  }
  // the defaults and other spellings of mode
  for (const shape of [[3, 5], [8, 4, 3, 3]]) {
    initCase(fn, fn, shape, {});
    initCase(fn, fn, shape, { mode: 'Fan_In' });
    initCase(fn, fn, shape, { mode: 'FAN_OUT', nonlinearity: 'relu' });
  }
}

// --- orthogonal_
for (const shape of [[3, 5], [5, 3], [4, 4], [64, 32], [32, 64], [8, 4, 3, 3], [4, 2, 3, 3, 3], [1, 6], [6, 1]]) {
  for (const gain of [1, 2, 0.5]) initCase('orthogonal_', 'orthogonal_', shape, gain === 1 ? {} : { gain });
}

// --- sparse_
for (const shape of [[10, 20], [100, 50], [7, 3]]) {
  for (const sparsity of [0.1, 0.5, 0.9, 0, 1]) {
    initCase('sparse_', 'sparse_', shape, { sparsity });
    initCase('sparse_', 'sparse_', shape, { sparsity, std: 0.5 });
  }
}

// --- deprecated aliases (each warns and forwards)
initCase('deprecated aliases', 'uniform', [3, 5], { a: -1, b: 2 });
initCase('deprecated aliases', 'normal', [3, 5], { mean: 1, std: 3 });
initCase('deprecated aliases', 'constant', [3, 5], { val: 0.7 }, { values: true });
initCase('deprecated aliases', 'eye', [3, 5], {}, { values: true });
initCase('deprecated aliases', 'dirac', [4, 2, 3, 3], { groups: 2 }, { values: true });
initCase('deprecated aliases', 'xavier_uniform', [8, 4, 3, 3], { gain: 2 });
initCase('deprecated aliases', 'xavier_normal', [16, 8], {});
initCase('deprecated aliases', 'kaiming_uniform', [16, 8], { a: 0.1, mode: 'fan_out' });
initCase('deprecated aliases', 'kaiming_normal', [8, 4, 3], { nonlinearity: 'relu' });
initCase('deprecated aliases', 'orthogonal', [4, 6], { gain: 1.5 });
initCase('deprecated aliases', 'sparse', [10, 4], { sparsity: 0.3 });
initCase('deprecated aliases', 'kaiming_uniform', [7], {});
initCase('deprecated aliases', 'eye', [2, 2, 2], {});
for (const name of [
  'uniform_', 'normal_', 'trunc_normal_', 'constant_', 'ones_', 'zeros_', 'eye_', 'dirac_', 'xavier_uniform_', 'xavier_normal_',
  'kaiming_uniform_', 'kaiming_normal_', 'orthogonal_', 'sparse_',
  'uniform', 'normal', 'constant', 'eye', 'dirac', 'xavier_uniform', 'xavier_normal', 'kaiming_uniform', 'kaiming_normal',
  'orthogonal', 'sparse', 'ones', 'zeros', 'trunc_normal', 'he_normal', 'glorot_uniform', 'lecun_normal',
]) existsCase(name);

// --- calculate_gain
for (const nonlinearity of NONLINEARITIES) {
  for (const param of [null, 0, 0.01, 0.2, 1, -0.5, 2, Math.sqrt(5)] as ParamValue[]) gainCase(nonlinearity, param);
}
for (const [nonlinearity, param] of [
  ['leaky_relu', true], ['leaky_relu', false], ['leaky_relu', 'x'], ['leaky_relu', '0.2'],
  ['gelu', null], ['silu', null], ['Relu', null], ['elu', null], ['softplus', null], ['mish', null], ['hardtanh', null],
  ['Linear', null], ['swish', 0.1], ['', null],
] as [string, ParamValue][]) gainCase(nonlinearity, param);

// --- error cases of the init functions
for (const fn of ['xavier_uniform_', 'xavier_normal_', 'kaiming_uniform_', 'kaiming_normal_']) {
  initCase('errors', fn, [5], {});
}
for (const fn of ['kaiming_uniform_', 'kaiming_normal_']) {
  initCase('errors', fn, [3, 5], { mode: 'fan_avg' });
  initCase('errors', fn, [3, 5], { mode: 'fanin' });
  initCase('errors', fn, [5], { mode: 'fan_avg' }); // mode is checked before the rank
  for (const nonlinearity of ['gelu', 'silu', 'Relu', 'elu', 'softplus']) initCase('errors', fn, [3, 5], { nonlinearity });
  initCase('errors', fn, [3, 5], { a: true });
  initCase('errors', fn, [3, 5], { a: false, nonlinearity: 'leaky_relu' });
  initCase('errors', fn, [3, 5], { a: 'x' });
  initCase('errors', fn, [3, 5], { a: 'x', nonlinearity: 'relu' }); // a only matters for leaky_relu
  initCase('errors', fn, [3, 5], { a: true, nonlinearity: 'tanh' });
}
initCase('errors', 'orthogonal_', [5], {});
initCase('errors', 'orthogonal_', [5], { gain: 2 });
initCase('errors', 'sparse_', [2, 3, 4], { sparsity: 0.1 });
initCase('errors', 'sparse_', [5], { sparsity: 0.1 });
initCase('errors', 'sparse_', [5, 4], {});
initCase('errors', 'constant_', [5, 4], {});
initCase('errors', 'constant', [5, 4], {});

// --- edge cases: mixed-case modes, negative std, empty tensors, zero groups, unknown keywords
initCase('edge cases', 'kaiming_uniform_', [3, 5], { mode: 'FAN_AVG' });
initCase('edge cases', 'kaiming_normal_', [3, 5], { mode: 'Fan_Avg' });
initCase('edge cases', 'normal_', [3, 5], { std: -1 });
initCase('edge cases', 'uniform_', [3, 5], { a: 1, b: 0 });
initCase('edge cases', 'trunc_normal_', [3, 5], { std: 0 });
initCase('edge cases', 'dirac_', [4, 4, 3], { groups: 0 });
initCase('edge cases', 'xavier_uniform_', [0, 0], {});
initCase('edge cases', 'xavier_normal_', [0, 3, 0], {});
initCase('edge cases', 'kaiming_uniform_', [0], {});
initCase('edge cases', 'kaiming_normal_', [0], {});
initCase('edge cases', 'xavier_uniform_', [3, 5], { mode: 'fan_in' });

// --- module defaults
const mod = (cls: string, args: unknown[], param: string, kwargs: Record<string, unknown> = {}): TorchModuleSpec => ({ cls, args, kwargs, param });

for (const [out, inp] of [[16, 8], [8, 16], [1, 1], [3, 7]]) {
  for (const tensor of ['weight', 'bias']) moduleCase('Linear', 'Linear', [out, inp], { tensor }, mod('Linear', [inp, out], tensor));
}
for (const [cls, wshape, inC, outC, kernel, groups] of [
  ['Conv1d', [8, 4, 3], 4, 8, 3, 1], ['Conv1d', [8, 2, 3], 4, 8, 3, 2],
  ['Conv2d', [8, 4, 3, 3], 4, 8, 3, 1], ['Conv2d', [8, 2, 3, 5], 4, 8, [3, 5], 2],
  ['Conv3d', [4, 2, 3, 3, 3], 2, 4, 3, 1], ['Conv3d', [6, 1, 1, 2, 3], 3, 6, [1, 2, 3], 3],
] as [string, number[], number, number, number | number[], number][]) {
  for (const tensor of ['weight', 'bias']) {
    moduleCase(cls, cls, wshape, { tensor }, mod(cls, [inC, outC, kernel], tensor, groups === 1 ? {} : { groups }));
  }
}
for (const [cls, wshape, inC, outC, kernel, groups] of [
  ['ConvTranspose1d', [4, 8, 3], 4, 8, 3, 1], ['ConvTranspose1d', [4, 4, 3], 4, 8, 3, 2],
  ['ConvTranspose2d', [4, 8, 3, 3], 4, 8, 3, 1], ['ConvTranspose2d', [6, 2, 3, 3], 6, 6, 3, 3],
  ['ConvTranspose3d', [2, 4, 3, 3, 3], 2, 4, 3, 1], ['ConvTranspose3d', [4, 3, 1, 2, 2], 4, 6, [1, 2, 2], 2],
] as [string, number[], number, number, number | number[], number][]) {
  for (const tensor of ['weight', 'bias']) {
    moduleCase(cls, cls, wshape, groups === 1 ? { tensor } : { tensor, groups }, mod(cls, [inC, outC, kernel], tensor, groups === 1 ? {} : { groups }));
  }
}
for (const [out, in1, in2] of [[5, 3, 4], [2, 7, 1]]) {
  for (const tensor of ['weight', 'bias']) moduleCase('Bilinear', 'Bilinear', [out, in1, in2], { tensor }, mod('Bilinear', [in1, in2, out], tensor));
}
for (const padding_idx of [null, 0, 3, 9, -1, -10, 10, -11]) {
  moduleCase('Embedding', 'Embedding', [10, 4], padding_idx === null ? {} : { padding_idx }, mod('Embedding', [10, 4], 'weight', padding_idx === null ? {} : { padding_idx }));
}
for (const [cls, gates] of [['RNN', 1], ['GRU', 3], ['LSTM', 4]] as [string, number][]) {
  for (const [input, hidden] of [[5, 7], [3, 16]]) {
    for (const tensor of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']) {
      moduleCase('RNN / GRU / LSTM', cls, [gates * hidden, input], { tensor }, mod(cls, [input, hidden], `${tensor}_l0`));
    }
  }
}
for (const c of [4, 6]) {
  for (const tensor of ['weight', 'bias']) {
    for (const cls of ['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d']) moduleCase('norms', cls, [c], { tensor }, mod(cls, [c], tensor), { values: true });
    for (const cls of ['InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d']) moduleCase('norms', cls, [c], { tensor }, mod(cls, [c], tensor, { affine: true }), { values: true });
    moduleCase('norms', 'LayerNorm', [c], { tensor }, mod('LayerNorm', [c], tensor), { values: true });
    moduleCase('norms', 'GroupNorm', [c], { tensor }, mod('GroupNorm', [2, c], tensor), { values: true });
  }
}
for (const e of [8, 12]) {
  for (const tensor of ['in_proj_weight', 'in_proj_bias', 'out_proj.weight', 'out_proj.bias', 'bias_k', 'bias_v']) {
    moduleCase('MultiheadAttention', 'MultiheadAttention', [e], { tensor }, mod('MultiheadAttention', [e, 2], tensor, { add_bias_kv: true }));
  }
}

// --- sampled moments (n ≈ 200k): our sampler against torch's
const N = SAMPLE_N;
for (const [fn, shape, kw] of [
  ['uniform_', [400, 500], {}], ['uniform_', [400, 500], { a: -1, b: 1 }], ['uniform_', [50, 40, 100], { a: 0.5, b: 2.5 }],
  ['normal_', [400, 500], {}], ['normal_', [400, 500], { mean: 0.5, std: 2 }], ['normal_', [32, 16, 5, 5], { std: 0.02 }],
  ['trunc_normal_', [400, 500], {}], ['trunc_normal_', [400, 500], { std: 0.02 }],
  ['trunc_normal_', [400, 500], { mean: 0.5, std: 1, a: -1, b: 1 }], ['trunc_normal_', [400, 500], { a: 0, b: Infinity }],
  ['trunc_normal_', [400, 500], { std: 2, a: -1, b: 3 }], ['trunc_normal_', [400, 500], { a: 2, b: 3 }],
  ['trunc_normal_', [400, 500], { std: 0.5, a: -0.5, b: 0.5 }],
  ['xavier_uniform_', [256, 128], {}], ['xavier_uniform_', [64, 32, 3, 3], { gain: Math.sqrt(2) }],
  ['xavier_normal_', [256, 128], {}], ['xavier_normal_', [8, 4, 3, 3, 3], { gain: 5 / 3 }],
  ['kaiming_uniform_', [256, 128], {}], ['kaiming_uniform_', [64, 32, 3, 3], { mode: 'fan_out', nonlinearity: 'relu' }],
  ['kaiming_uniform_', [64, 32, 5], { a: 0.2 }], ['kaiming_uniform_', [8, 4, 3, 3, 3], { nonlinearity: 'tanh' }],
  ['kaiming_normal_', [256, 128], {}], ['kaiming_normal_', [64, 32, 3, 3], { mode: 'fan_out', nonlinearity: 'relu' }],
  ['kaiming_normal_', [256, 128], { nonlinearity: 'selu' }], ['kaiming_normal_', [128, 64, 3], { a: null }],
  ['kaiming_normal_', [256, 128], { nonlinearity: 'linear' }], ['kaiming_normal_', [256, 128], { a: Math.sqrt(5), mode: 'fan_out' }],
  ['orthogonal_', [64, 128], {}], ['orthogonal_', [128, 64], { gain: 2 }], ['orthogonal_', [16, 8, 3, 3], {}],
  ['orthogonal_', [100, 100], { gain: 0.5 }],
  ['sparse_', [100, 50], { sparsity: 0.1 }], ['sparse_', [100, 50], { sparsity: 0.5, std: 0.5 }], ['sparse_', [200, 100], { sparsity: 0.9 }],
] as [string, number[], Record<string, ParamValue>][]) initCase('sampled moments', fn, shape, kw, { n: N });

moduleCase('sampled moments', 'Embedding', [1000, 64], { padding_idx: 0 }, mod('Embedding', [1000, 64], 'weight', { padding_idx: 0 }), { n: N });
moduleCase('sampled moments', 'Embedding', [500, 32], {}, mod('Embedding', [500, 32], 'weight'), { n: N });
moduleCase('sampled moments', 'Embedding', [100, 16], { padding_idx: -1 }, mod('Embedding', [100, 16], 'weight', { padding_idx: -1 }), { n: N });
moduleCase('sampled moments', 'Linear', [128, 256], { tensor: 'weight' }, mod('Linear', [256, 128], 'weight'), { n: N });
moduleCase('sampled moments', 'Linear', [20000, 4], { tensor: 'bias' }, mod('Linear', [4, 20000], 'bias'), { n: N });
moduleCase('sampled moments', 'Conv1d', [64, 16, 5], { tensor: 'weight' }, mod('Conv1d', [16, 64, 5], 'weight'), { n: N });
moduleCase('sampled moments', 'Conv2d', [64, 32, 3, 3], { tensor: 'weight' }, mod('Conv2d', [32, 64, 3], 'weight'), { n: N });
moduleCase('sampled moments', 'Conv2d', [4096, 2, 3, 3], { tensor: 'bias' }, mod('Conv2d', [2, 4096, 3], 'bias'), { n: N });
moduleCase('sampled moments', 'Conv3d', [16, 8, 3, 3, 3], { tensor: 'weight' }, mod('Conv3d', [8, 16, 3], 'weight'), { n: N });
moduleCase('sampled moments', 'ConvTranspose2d', [32, 64, 3, 3], { tensor: 'weight' }, mod('ConvTranspose2d', [32, 64, 3], 'weight'), { n: N });
moduleCase('sampled moments', 'ConvTranspose2d', [4, 2048, 1, 1], { tensor: 'bias', groups: 2 }, mod('ConvTranspose2d', [4, 4096, 1], 'bias', { groups: 2 }), { n: N });
moduleCase('sampled moments', 'LSTM', [512, 64], { tensor: 'weight_ih' }, mod('LSTM', [64, 128], 'weight_ih_l0'), { n: N });
moduleCase('sampled moments', 'LSTM', [512, 64], { tensor: 'weight_hh' }, mod('LSTM', [64, 128], 'weight_hh_l0'), { n: N });
moduleCase('sampled moments', 'LSTM', [1024, 4], { tensor: 'bias_ih' }, mod('LSTM', [4, 256], 'bias_ih_l0'), { n: 50_000 });
moduleCase('sampled moments', 'GRU', [384, 32], { tensor: 'weight_hh' }, mod('GRU', [32, 128], 'weight_hh_l0'), { n: N });
moduleCase('sampled moments', 'RNN', [256, 16], { tensor: 'weight_ih' }, mod('RNN', [16, 256], 'weight_ih_l0'), { n: N });
moduleCase('sampled moments', 'Bilinear', [64, 32, 16], { tensor: 'weight' }, mod('Bilinear', [32, 16, 64], 'weight'), { n: N });
moduleCase('sampled moments', 'Bilinear', [20000, 4, 2], { tensor: 'bias' }, mod('Bilinear', [4, 2, 20000], 'bias'), { n: N });
moduleCase('sampled moments', 'MultiheadAttention', [64], { tensor: 'in_proj_weight' }, mod('MultiheadAttention', [64, 4], 'in_proj_weight'), { n: N });
moduleCase('sampled moments', 'MultiheadAttention', [128], { tensor: 'out_proj.weight' }, mod('MultiheadAttention', [128, 4], 'out_proj.weight'), { n: N });
moduleCase('sampled moments', 'MultiheadAttention', [64], { tensor: 'bias_k' }, mod('MultiheadAttention', [64, 4], 'bias_k', { add_bias_kv: true }), { n: 50_000 });

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

function relClose(ours: number, theirs: number, what: string, rel = REL): void {
  const scale = Math.max(Math.abs(ours), Math.abs(theirs));
  const ok = ours === theirs || Math.abs(ours - theirs) <= rel * scale;
  assert.ok(ok, `${what}: ours ${ours}, torch ${theirs} (rel. diff ${Math.abs(ours - theirs) / scale})`);
}

function num(v: unknown, what: string): number {
  assert.equal(typeof v, 'number', `${what}: torch passed ${JSON.stringify(v)}`);
  return v as number;
}

/** Python's float → our number (torch passes ints and floats alike). */
function callArg(call: TorchCall, i: number, kw: string): number {
  return num(i < call.args.length ? call.args[i] : call.kwargs[kw], `${call.m} argument ${kw}`);
}

const DEFINING = new Set(['uniform_', 'normal_', 'fill_', 'zero_']);

/** The last call that filled the whole tensor under test. */
function lastFullFill(answer: TorchAnswer): TorchCall | undefined {
  const full = (answer.calls ?? []).filter((c) => c.full && DEFINING.has(c.m));
  return full[full.length - 1];
}

function targetCalls(answer: TorchAnswer): TorchCall[] {
  return (answer.calls ?? []).filter((c) => c.target);
}

function resolveOurs(c: Case): Distribution {
  const match = findScheme('torch', c.scheme!);
  assert.ok(match, `findScheme('torch', '${c.scheme}') found nothing`);
  return resolve(match.scheme, c.shape!, c.params ?? {});
}

function checkError(c: Case, answer: TorchAnswer): void {
  let ours: unknown;
  let dist: Distribution | undefined;
  try {
    if (c.kind === 'gain') ours = calculateGain(c.gain!.nonlinearity, c.gain!.param);
    else dist = resolveOurs(c);
  } catch (e) {
    assert.ok(e instanceof InitError, `torch raised ${answer.error}: ${answer.message}; we threw a non-InitError ${(e as Error)?.name}: ${(e as Error)?.message}`);
    assert.equal(e.errorType, answer.error, `error type (torch message: ${answer.message}; ours: ${e.message})`);
    assert.equal(e.message, answer.message, 'error message');
    return;
  }
  assert.fail(`torch raised ${answer.error}: ${JSON.stringify(answer.message)}, but we returned ${JSON.stringify(ours ?? summary(dist!))}`);
}

function summary(d: Distribution): Record<string, unknown> {
  const { family, mean, std, bounds } = d;
  return { family, mean, std, bounds };
}

function checkDeterministic(c: Case, d: Distribution, answer: TorchAnswer, torchGain?: number): void {
  // shape of the tensor the scheme describes = shape of torch's tensor/parameter
  assert.deepEqual(d.shape, answer.shape, 'shape of the initialised tensor');

  // fans
  if (d.fans) {
    // the tensor's own fans; a module's 1-D bias is bounded by its weight's fans
    const fans = d.shape.length >= 2 && answer.fans ? answer.fans : answer.weight_fans;
    assert.ok(fans, 'we report fans but torch has none for this tensor');
    assert.deepEqual([d.fans.fanIn, d.fans.fanOut], fans, 'fan_in, fan_out vs _calculate_fan_in_and_fan_out');
  } else if (/^(xavier|kaiming)/.test(c.scheme!) && !d.shape.includes(0)) {
    // (a zero-element kaiming_ tensor is a no-op in torch: no fans, nothing filled)
    assert.fail('fan-based scheme without fans');
  }
  if (torchGain !== undefined && d.fans) relClose(d.fans.gain, torchGain, 'gain vs calculate_gain(nonlinearity, a)');
  if (/^xavier/.test(c.scheme!)) relClose(d.fans!.gain, (c.params?.gain as number | undefined) ?? 1, 'xavier gain');

  const last = lastFullFill(answer);
  const target = targetCalls(answer);
  switch (d.family) {
    case 'uniform': {
      assert.ok(last, `torch made no full fill; calls ${JSON.stringify(answer.calls)}`);
      assert.equal(last.m, 'uniform_', 'torch filled with');
      relClose(d.low, callArg(last, 0, 'from'), 'uniform low');
      relClose(d.high, callArg(last, 1, 'to'), 'uniform high');
      assert.equal(target[target.length - 1], last, 'nothing after the uniform_ fill');
      break;
    }
    case 'normal': {
      assert.ok(last, 'torch made no full fill');
      assert.equal(last.m, 'normal_', 'torch filled with');
      relClose(d.mu, callArg(last, 0, 'mean'), 'normal mean');
      relClose(d.sigma, callArg(last, 1, 'std'), 'normal std');
      assert.equal(target[target.length - 1], last, 'nothing after the normal_ fill');
      break;
    }
    case 'truncatedNormal': {
      // torch 1.13: uniform_(2Φ(α)−1, 2Φ(β)−1) → erfinv_ → mul_(σ√2) → add_(μ) → clamp_(a, b)
      const ms = target.map((t) => t.m);
      assert.deepEqual(ms, ['uniform_', 'erfinv_', 'mul_', 'add_', 'clamp_'], 'trunc_normal_ call sequence');
      const [u, , mul, add, clamp] = target;
      const alpha = (d.low - d.mu) / d.sigma;
      const beta = (d.high - d.mu) / d.sigma;
      relClose(erf(alpha / Math.SQRT2), callArg(u, 0, 'from'), 'uniform_ lower = 2Φ((a−mean)/std) − 1', 1e-9);
      relClose(erf(beta / Math.SQRT2), callArg(u, 1, 'to'), 'uniform_ upper = 2Φ((b−mean)/std) − 1', 1e-9);
      relClose(d.sigma * Math.SQRT2, callArg(mul, 0, 'other'), 'mul_ = std·√2');
      relClose(d.mu, callArg(add, 0, 'other'), 'add_ = mean');
      relClose(d.low, callArg(clamp, 0, 'min'), 'clamp_ min = a');
      relClose(d.high, callArg(clamp, 1, 'max'), 'clamp_ max = b');
      break;
    }
    case 'constant': {
      if (d.shape.includes(0)) {
        assert.equal(target.length, 0, 'a zero-element tensor is left alone');
        break;
      }
      assert.ok(last, 'torch made no full fill');
      const value = last.m === 'zero_' ? 0 : callArg(last, 0, 'value');
      const values = new Set(d.blocks.map((b) => b.value));
      assert.deepEqual([...values], [value], 'constant value');
      break;
    }
    case 'identity':
      assert.equal(target.length, 0, 'eye_ fills through torch.eye(out=)');
      break;
    case 'dirac':
      assert.ok(target.some((t) => t.m === 'zero_' && t.full), 'dirac_ zeroes the tensor first');
      assert.equal(d.groups, (c.params?.groups as number | undefined) ?? 1);
      break;
    case 'orthogonal': {
      const mul = target.filter((t) => t.m === 'mul_');
      assert.equal(mul.length, 1, 'orthogonal_ scales once');
      relClose(d.gain, callArg(mul[0], 0, 'other'), 'orthogonal gain');
      assert.equal(d.rows, d.shape[0], 'rows = size(0)');
      assert.equal(d.cols, d.shape.reduce((a, b) => a * b, 1) / d.shape[0], 'cols = numel / size(0)');
      break;
    }
    case 'sparse': {
      assert.ok(last, 'torch made no full fill');
      assert.equal(last.m, 'normal_', 'torch filled with');
      relClose(d.mu, callArg(last, 0, 'mean'), 'normal mean');
      relClose(d.sigma, callArg(last, 1, 'std'), 'normal std');
      const first = answer.first!;
      if (d.zeroRow !== undefined) {
        const fills = target.filter((t) => t.m === 'fill_' && !t.full);
        assert.equal(fills.length, 1, 'padding row fill_');
        assert.equal(callArg(fills[0], 0, 'value'), 0, 'padding row value');
        assert.deepEqual(first.zero_rows, [d.zeroRow], 'zeroed row');
      } else {
        const k = Math.min(d.zerosPerColumn, d.rows);
        assert.deepEqual(first.zeros_per_col, [k, k], 'zeros per column');
      }
      break;
    }
  }

  if (answer.values) {
    const ours = sampleTensor(d, c.seed);
    assert.deepEqual(Array.from(ours), answer.values.map((v) => Math.fround(v)), 'every element');
  }
}

function checkOrthogonality(c: Case, d: Distribution, answer: TorchAnswer): void {
  if (d.family !== 'orthogonal' || d.shape.reduce((a, b) => a * b, 1) === 0) return;
  const g2 = d.gain * d.gain;
  const tol = 1e-5 * Math.max(1, g2);
  // torch: gram in the orientation rows = size(0) is gain²·I
  const first = answer.first!;
  assert.ok(Math.abs(first.gram_diag_mean! - g2) <= tol && first.gram_offdiag_max! <= tol && first.gram_diag_spread! <= tol,
    `torch's own tensor is not orthogonal in this orientation: ${JSON.stringify(first)}`);
  const w = sampleTensor(d, c.seed);
  const { rows, cols } = d;
  const byRows = rows < cols; // W·Wᵀ = g²I when wide, Wᵀ·W = g²I when tall
  const k = byRows ? rows : cols;
  let worst = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      if (byRows) for (let t = 0; t < cols; t++) s += w[i * cols + t] * w[j * cols + t];
      else for (let t = 0; t < rows; t++) s += w[t * cols + i] * w[t * cols + j];
      worst = Math.max(worst, Math.abs(s - (i === j ? g2 : 0)));
    }
  }
  assert.ok(worst <= tol, `our sampleTensor is not orthogonal in torch's orientation (max |gram − gain²·I| = ${worst})`);
}

function checkMoments(c: Case, d: Distribution, answer: TorchAnswer): void {
  const t = answer.moments!;
  const ours = moments(sample(d, c.sampleN!, c.seed + 1_000_003));
  const oursVar = ours.std ** 2;
  const oursM4 = ours.kurtosis * oursVar * oursVar;
  const tVar = t.std ** 2;
  // SE of the difference of two sample means / variances
  const seMean = Math.sqrt(oursVar / ours.n + tVar / t.n);
  const seVar = Math.sqrt(Math.max(oursM4 - oursVar ** 2, 0) / ours.n + Math.max(t.m4 - tVar ** 2, 0) / t.n);
  const detail = `ours mean ${ours.mean} std ${ours.std} (n ${ours.n}); torch mean ${t.mean} std ${t.std} (n ${t.n})`;
  assert.ok(Math.abs(ours.mean - t.mean) <= SE_LIMIT * seMean, `sample means differ by ${(Math.abs(ours.mean - t.mean) / seMean).toFixed(2)} SE: ${detail}`);
  assert.ok(Math.abs(oursVar - tVar) <= SE_LIMIT * seVar, `sample variances differ by ${(Math.abs(oursVar - tVar) / seVar).toFixed(2)} SE: ${detail}`);
  // our analytic mean/std against torch's sample (one-sample SE)
  const seMean1 = Math.sqrt(tVar / t.n);
  const seVar1 = Math.sqrt(Math.max(t.m4 - tVar ** 2, 0) / t.n);
  assert.ok(Math.abs(d.mean - t.mean) <= SE_LIMIT * seMean1 + 1e-12, `analytic mean ${d.mean} vs torch sample ${t.mean} (${(Math.abs(d.mean - t.mean) / seMean1).toFixed(2)} SE)`);
  assert.ok(Math.abs(d.std ** 2 - tVar) <= SE_LIMIT * seVar1 + 1e-12, `analytic std ${d.std} vs torch sample ${t.std} (${(Math.abs(d.std ** 2 - tVar) / seVar1).toFixed(2)} SE)`);
  // ranges
  if (d.family === 'truncatedNormal' || d.family === 'uniform') {
    const [lo, hi] = d.bounds;
    for (const [who, m] of [['ours', ours], ['torch', t]] as const) {
      assert.ok(m.min >= Math.fround(lo) && m.max <= Math.fround(hi), `${who} range [${m.min}, ${m.max}] outside [${lo}, ${hi}]`);
    }
  }
}

function checkCase(c: Case, answer: TorchAnswer, gainAnswer?: TorchAnswer): void {
  if (c.kind === 'exists') {
    const match = findScheme('torch', c.existsName!);
    const isInit = match !== undefined && match.scheme.kind === 'initializer';
    assert.equal(isInit, answer.exists, `torch.nn.init has ${c.existsName}: ${answer.exists}; findScheme: ${isInit}`);
    if (isInit) assert.equal(match!.deprecatedName !== undefined, !c.existsName!.endsWith('_'), 'deprecated iff no trailing underscore');
    return;
  }
  if (answer.error) {
    checkError(c, answer);
    return;
  }
  if (c.kind === 'gain') {
    let ours: number;
    try {
      ours = calculateGain(c.gain!.nonlinearity, c.gain!.param);
    } catch (e) {
      assert.fail(`torch returned ${answer.gain}, we threw ${(e as Error).message}`);
    }
    relClose(ours, answer.gain!, 'gain');
    return;
  }
  let d: Distribution;
  try {
    d = resolveOurs(c);
  } catch (e) {
    assert.fail(`torch succeeded, we threw ${(e as InitError).errorType ?? ''} ${(e as Error).message}`);
  }
  if (c.kind === 'init') {
    const deprecated = (answer.warnings ?? []).some((w) => /is now deprecated/.test(w));
    assert.equal(findScheme('torch', c.scheme!)!.deprecatedName, deprecated ? c.scheme : undefined, `deprecatedName (torch warnings: ${JSON.stringify(answer.warnings)})`);
  }
  let torchGain: number | undefined;
  if (gainAnswer) {
    assert.equal(gainAnswer.error, undefined, 'calculate_gain failed although the init succeeded');
    torchGain = gainAnswer.gain;
  }
  checkDeterministic(c, d, answer, torchGain);
  checkOrthogonality(c, d, answer);
  if (c.sampleN) checkMoments(c, d, answer);
}

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

describe('torch oracle: init core vs real PyTorch', function () {
  this.timeout(120_000);
  const answers = new Map<Case, { answer: TorchAnswer; gain?: TorchAnswer }>();

  before(function () {
    if (oraclesSkipped) this.skip();
    checkTorch(); // fails the suite with a clear message when torch cannot be imported
    const requests: TorchRequest[] = [];
    const index = new Map<Case, { at: number; gainAt?: number }>();
    for (const c of cases) {
      const at = requests.push(c.req) - 1;
      const gainAt = c.gainReq ? requests.push(c.gainReq) - 1 : undefined;
      index.set(c, { at, gainAt });
    }
    const got = askTorch(requests);
    for (const [c, { at, gainAt }] of index) answers.set(c, { answer: got[at], gain: gainAt === undefined ? undefined : got[gainAt] });
  });

  it(`covers at least 500 combinations (${cases.length}) and at least 40 sampled cases (${cases.filter((c) => c.sampleN).length})`, () => {
    assert.ok(cases.length >= 500);
    assert.ok(cases.filter((c) => c.sampleN && c.sampleN >= 50_000).length >= 40);
  });

  const groups = [...new Set(cases.map((c) => c.group))];
  for (const group of groups) {
    describe(group, () => {
      for (const c of cases.filter((x) => x.group === group)) {
        it(c.title, () => {
          const got = answers.get(c);
          assert.ok(got, 'no answer from the oracle');
          checkCase(c, got.answer, got.gain);
        });
      }
    });
  }
});
