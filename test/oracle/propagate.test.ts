/**
 * Oracle test: `propagate` (mean field and seeded Monte Carlo) against real PyTorch.
 *
 * Every stack of the grid is built a second time by test/oracle/propagate_oracle.py as float64
 * torch tensors in nn.Linear's [out, in] layout, filled by torch.nn.init itself (the same
 * function with the same arguments: not our samples), and pushed forward and backward (autograd,
 * h^L.backward(g) with g ~ N(0, 1)) there. ONE Python process answers the whole grid in `before`,
 * running while our side computes.
 *
 * Torch gives, for each of S = 16 independent weight draws with a batch of B = 64 inputs
 * x ~ N(0, 1), the std t_{s,l} of the pre-activations h^l and of ∂L/∂h^l. Tolerances, on a log
 * scale (ln of our value over torch's):
 *
 *   - Mean field. √q^l is the root of E[h²] over weights and inputs, so it is compared with torch's
 *     POOLED value T_l = √(mean_s t²_{s,l}) (pooling variances, not logs: for ReLU E[t²] is q^l at
 *     any width, while a geometric mean sits ≈ Var(ln t) below it):
 *
 *       |ln(meanFieldStd_l / T_l)| ≤ 0.02 + 4·SE_l + 0.25·P_l   (no P term for linear, relu, leaky_relu)
 *
 *       SE_l = ½·√((exp(σ_l²) − 1) / S),  σ_l = sd_s(ln t²_{s,l})   (≈ sd_s(ln t_{s,l}) / √S when small)
 *       P_l  = Σ 1/n_k over the layers k the signal went through: k ≤ l forward; every layer for
 *              the gradient (∂L/∂h^l carries φ′(h^k) of every k ≥ l, each after k forward layers).
 *
 *     SE_l is the standard error of T_l from the draw-to-draw spread, i.e. from the finite width:
 *     mean field is the width → ∞ limit and at width n one draw's ln t_l fluctuates, log-normally,
 *     with an sd of about ½·√(c·l/n) (c ≈ 5 for ReLU, Hanin & Nica 2019; ≈ 2 for leaky_relu(0.2);
 *     ≪ 1 for contracting tanh/sigmoid/silu; nothing but the input noise for linear orthogonal).
 *     So SE grows like √(depth/width) and falls like 1/√S; the log-normal form keeps it honest when
 *     that spread is wide (16 draws of a heavy-tailed t² under-estimate their own sd). On this grid
 *     4·SE is ≈ 0.01 throughout for linear orthogonal and SELU, ≤ 0.15 for tanh, sigmoid, ELU and
 *     SiLU, and grows with depth to 0.14–0.5 for the Kaiming leaky/ReLU stacks, 0.2 for GELU
 *     (width 256, 10 layers) and 1.1 at layer 30 of ReLU·Xavier at width 64 (q has fallen 2^29-fold
 *     and one draw's ln t spreads by ±0.7 there).
 *     0.25·P_l is the bias of the limit itself, O(1/n) per layer and adding up along the path
 *     (Jensen over the per-unit variances; the forward/backward correlation that the gradient
 *     independence assumption drops). Measured with 64 draws: 0.24·P for tanh·normal(0.2) (torch's
 *     gradients 7 % above the limit at width 64, 3.7 % at width 256), 0.22·P sigmoid, ≈ 0.1·P
 *     tanh and ELU, ≤ 0.04·P SELU and SiLU; GELU under Kaiming ≈ 1–2·P (see its case; at width 256
 *     over 10 layers that is ≤ 0.04, inside 4·SE). A positively homogeneous φ (linear, relu,
 *     leaky_relu) has E[φ(√q z)²] = c·q exactly, no curvature in q, so E[t²] follows the limit at
 *     any width and gets no P term. The 0.02 floor covers quadrature and float.
 *
 *     A wrong formula is off by a factor per layer, and that compounds (a missing 2 for ReLU is
 *     ln √2 = 0.35 per layer). Each of these, made in a copy of propagate.ts / activations.ts, fails
 *     at least one check: a missing 2 for ReLU; E[φ′]² for E[φ′²]; f for f′ in either pass; q⁰ put
 *     through φ at the input; the bias dropped; fan_in for width in the backward pass; the
 *     derivative of the wrong layer; GELU′ without its x·φ(x) term, tanh′ = 1 − |tanh|, SELU′
 *     without λ, ELU′ = α, sigmoid′ ×1.1; χ1 without the square (phase); the leaky slope ignored
 *     (0.02 per layer: caught by the gradients, forward it stays just inside 4·SE at width 128);
 *     1 % too much q per layer (caught by the linear orthogonal stack).
 *   - Monte Carlo. Our pass is one draw of a finite network (batch 64, one weight draw), so it has
 *     no limit bias, and must look like one more torch draw:
 *
 *       |ln ours_l − mean_s ln t_{s,l}| ≤ 0.02 + 4·ŝ_l·√(1 + 1/S),   ŝ_l = sd_s(ln t_{s,l})
 *
 *     This catches a sampled pass without φ′ or without its bias, a wrong activation derivative,
 *     but not an error of a few % per layer (one draw cannot see it through ŝ up to 0.7).
 *   - Phase. Torch's per-layer gradient variance factor ρ = (T^g_0 / T^g_{L−1})^{2/(L−1)} goes
 *     through the same 0.95/1.05 bands as our geometric-mean χ1 (phaseOf), for the stacks where
 *     ρ is clearly inside one band.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { findScheme, phaseOf, propagate, resolve, type LayerSpec, type Params, type Phase, type Propagation } from '../../src/core';
import { checkTorch, oraclesSkipped, TORCH_PYTHON } from './torchOracle';

const SCRIPT = path.join(__dirname, 'propagate_oracle.py');
const SEEDS = 16;
const BATCH = 64;
const FLOOR = 0.02;
const K = 4;
/** Bias of the mean-field limit per unit of Σ 1/width along the path (non-homogeneous φ only). */
const BIAS = 0.25;
/** Positively homogeneous: E[φ(√q z)²] = c·q, so E[t²] follows the limit exactly at any width. */
const HOMOGENEOUS = new Set(['linear', 'relu', 'leaky_relu']);

// ---------------------------------------------------------------------------------------------
// The grid (torch layout [out, in]; x ~ N(0, 1), q⁰ = 1)
// ---------------------------------------------------------------------------------------------

interface Init {
  /** torch.nn.init function; `kwargs` go to torch AND to our resolve. */
  fn: 'kaiming_normal_' | 'xavier_uniform_' | 'orthogonal_' | 'normal_';
  kwargs: Params;
}

interface StackCase {
  title: string;
  activation: string;
  slope?: number;
  init: Init;
  fanIn0: number;
  /** Output width of each layer; layer 0 sees `fanIn0` inputs, layer l the width of layer l−1. */
  widths: number[];
  biasStd?: number;
  /** Check the phase (torch's gradient growth clearly in one band). */
  phase?: boolean;
}

const KAIMING_RELU: Init = { fn: 'kaiming_normal_', kwargs: { nonlinearity: 'relu' } };
const XAVIER: Init = { fn: 'xavier_uniform_', kwargs: {} };
const ORTHO: Init = { fn: 'orthogonal_', kwargs: { gain: 1 } };

const repeat = (n: number, w: number) => Array.from({ length: n }, () => w);
const initTitle = (i: Init) => `${i.fn}(${Object.entries(i.kwargs).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`;

function stackCase(activation: string, init: Init, fanIn0: number, widths: number[], extra: Partial<StackCase> = {}): StackCase {
  const square = widths.every((w) => w === widths[0]);
  const shape = square ? `${fanIn0}→${widths[0]} ×${widths.length}` : `${fanIn0}→${widths.join('→')}`;
  const act = extra.slope === undefined ? activation : `${activation}(${extra.slope})`;
  const bias = extra.biasStd ? `, bias ~ N(0, ${extra.biasStd}²)` : '';
  return { title: `${act} · ${initTitle(init)} · ${shape}${bias}`, activation, init, widths, fanIn0, ...extra };
}

const CASES: StackCase[] = [
  // non-square first layer ([128, 100]: kaiming's fan_in is 100), critical: flat over 30 layers
  stackCase('relu', KAIMING_RELU, 100, repeat(30, 128), { phase: true }),
  // σ_w² = 1: q halves per layer, gradients decay 2^-29 over 30 layers
  stackCase('relu', XAVIER, 64, repeat(30, 64), { phase: true }),
  stackCase('leaky_relu', { fn: 'kaiming_normal_', kwargs: { a: 0.2, nonlinearity: 'leaky_relu' } }, 128, repeat(20, 128), { slope: 0.2, phase: true }),
  // slow 1/(2l) decay towards the ordered side (χ1 ≈ 0.85)
  stackCase('tanh', XAVIER, 128, repeat(20, 128), { phase: true }),
  // σ_w² = 64·0.04 = 2.56: q* ≈ 1, χ1 ≈ 1.15 per layer: chaotic
  stackCase('tanh', { fn: 'normal_', kwargs: { std: 0.2 } }, 64, repeat(20, 64), { phase: true }),
  // the bias holds q at q* ≈ 0.28 instead of letting it decay
  stackCase('tanh', XAVIER, 128, repeat(20, 128), { biasStd: 0.3, phase: true }),
  // non-zero mean activations: the means feed q
  stackCase('sigmoid', XAVIER, 96, repeat(15, 96), { phase: true }),
  // self-normalising: q* = 1, χ1 ≈ 1.07 (torch's ρ too: too close to the 1.05 edge for a phase check)
  stackCase('selu', ORTHO, 128, repeat(20, 128)),
  // GELU under Kaiming is a slow collapse (q shrinks ×0.92 per layer at q = 2, ×½ as q → 0) that
  // finite width delays: 10 layers at width 256 keep torch within ≈ 4 % of the limit (over 20
  // layers torch's std ends 3–4× above it at width 128, still 1.3× at width 2048). χ1 ≈ 0.93,
  // torch's ρ ≈ 0.94: too close to the 0.95 edge for a phase check.
  stackCase('gelu', KAIMING_RELU, 256, repeat(10, 256)),
  // σ_w² = 192·0.05² = 0.48 and silu ≈ x/2 near 0: q falls ≈ 8× per layer
  stackCase('silu', { fn: 'normal_', kwargs: { std: 0.05 } }, 192, repeat(10, 192), { phase: true }),
  // every layer non-square: xavier's fan_avg ≠ fan_in, and width_{l+1} ≠ fanIn_{l+1} in the backward pass
  stackCase('elu', XAVIER, 80, [192, 64, 160, 96, 128, 64, 192, 80, 144, 112, 176, 64, 128, 96, 160, 72, 128, 64, 112, 96], { phase: true }),
  // first layer [64, 96] with orthonormal rows (σ_w² = 1), then exact isometries
  stackCase('linear', ORTHO, 96, repeat(30, 64), { phase: true }),
];

function layersOf(c: StackCase): LayerSpec[] {
  const { scheme } = findScheme('torch', c.init.fn)!;
  let fanIn = c.fanIn0;
  return c.widths.map((width) => {
    const layer: LayerSpec = {
      fanIn, width, activation: c.activation, weight: resolve(scheme, [width, fanIn], c.init.kwargs), framework: 'torch',
      ...(c.slope === undefined ? {} : { slope: c.slope }),
      ...(c.biasStd ? { biasStd: c.biasStd } : {}),
    };
    fanIn = width;
    return layer;
  });
}

// ---------------------------------------------------------------------------------------------
// Talking to torch: one process, all stacks in one request
// ---------------------------------------------------------------------------------------------

interface TorchStack {
  error?: string;
  message?: string;
  /** [draw][layer] std of h^l and of ∂L/∂h^l over the batch × width elements of one draw. */
  fwd: number[][];
  grad: number[][];
}

function askTorchStacks(cases: StackCase[]): Promise<TorchStack[]> {
  const requests = cases.map((c, i) => ({
    seeds: SEEDS, batch: BATCH, q0: 1, seed: 1000 * (i + 1),
    layers: layersOf(c).map((l) => ({
      fanIn: l.fanIn, width: l.width, act: c.activation, slope: c.slope ?? null,
      init: c.init.fn, kwargs: c.init.kwargs, biasStd: c.biasStd ?? 0,
    })),
  }));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(TORCH_PYTHON, [SCRIPT], { env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`propagate oracle failed (status ${status}):\n${stderr}`));
      try {
        const answers = JSON.parse(stdout) as TorchStack[];
        if (!Array.isArray(answers) || answers.length !== cases.length) throw new Error(`propagate oracle returned ${answers.length} answers for ${cases.length} stacks`);
        resolvePromise(answers);
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(JSON.stringify(requests));
  });
}

// ---------------------------------------------------------------------------------------------
// Statistics over torch's draws
// ---------------------------------------------------------------------------------------------

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
const column = (draws: number[][], l: number) => draws.map((d) => d[l]);

/** Pooled std √mean(t²) and the (log-normal) standard error of its log. */
function pooled(t: number[]): { value: number; se: number } {
  const v = t.map((x) => x * x);
  const sigma = sd(v.map(Math.log));
  return { value: Math.sqrt(mean(v)), se: 0.5 * Math.sqrt(Math.expm1(sigma * sigma) / v.length) };
}

/** Mean and sd of ln t: one draw's distribution. */
function logDraws(t: number[]): { mean: number; sd: number } {
  const lt = t.map(Math.log);
  return { mean: mean(lt), sd: sd(lt) };
}

const fmt = (x: number) => x.toPrecision(4);

/** Checks one curve layer by layer; fails with a table of every layer when any is out. */
function checkCurve(name: string, rows: { ours: number; torch: number; dev: number; tol: number }[]): void {
  const bad = rows.filter((r) => !(Math.abs(r.dev) <= r.tol));
  if (bad.length === 0) return;
  const table = rows
    .map((r, l) => `  ${String(l).padStart(2)}  ours ${fmt(r.ours).padEnd(10)} torch ${fmt(r.torch).padEnd(10)} ln-ratio ${r.dev.toFixed(4).padStart(8)}  tol ${r.tol.toFixed(4)}${Math.abs(r.dev) <= r.tol ? '' : '  ✗'}`)
    .join('\n');
  assert.fail(`${name}: ${bad.length} of ${rows.length} layers out of tolerance\n${table}`);
}

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

describe('propagate oracle: mean field and Monte Carlo vs real PyTorch', function () {
  this.timeout(120_000);
  const ours: Propagation[] = [];
  const torch: TorchStack[] = [];

  before(async function () {
    if (oraclesSkipped) this.skip();
    checkTorch(); // fails the suite with a clear message when torch cannot be imported
    const answers = askTorchStacks(CASES); // runs while we compute our side
    CASES.forEach((c, i) => ours.push(propagate(layersOf(c), { batch: BATCH, seed: 7 + i })));
    torch.push(...(await answers));
    CASES.forEach((c, i) => {
      if (torch[i].error) throw new Error(`${c.title}: torch raised ${torch[i].error}: ${torch[i].message}`);
    });
  });

  CASES.forEach((c, i) => {
    describe(c.title, () => {
      for (const [kind, ourKey, mcKey] of [
        ['pre-activation std √q^l', 'meanFieldStd', 'forwardStd'],
        ['gradient std of ∂L/∂h^l', 'meanFieldGradStd', 'gradStd'],
      ] as const) {
        const draws = () => (kind.startsWith('pre') ? torch[i].fwd : torch[i].grad);

        it(`mean field ${kind} matches torch's pooled std within ${FLOOR} + ${K}·SE + ${BIAS}·Σ1/n (log)`, () => {
          const inv = c.widths.map((w) => 1 / w);
          const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
          checkCurve(`${c.title}, mean field ${kind}`, ours[i].layers.map((layer, l) => {
            const t = pooled(column(draws(), l));
            const path = kind.startsWith('pre') ? sum(inv.slice(0, l + 1)) : sum(inv);
            const bias = HOMOGENEOUS.has(c.activation) ? 0 : BIAS * path;
            return { ours: layer[ourKey], torch: t.value, dev: Math.log(layer[ourKey] / t.value), tol: FLOOR + K * t.se + bias };
          }));
        });

        it(`Monte Carlo ${kind} (batch ${BATCH}) is within torch's draw-to-draw spread`, () => {
          checkCurve(`${c.title}, Monte Carlo ${kind}`, ours[i].layers.map((layer, l) => {
            const t = logDraws(column(draws(), l));
            return {
              ours: layer[mcKey], torch: Math.exp(t.mean), dev: Math.log(layer[mcKey]) - t.mean,
              tol: FLOOR + K * t.sd * Math.sqrt(1 + 1 / SEEDS),
            };
          }));
        });
      }

      if (c.phase) {
        it('phase matches the gradient growth torch shows over the stack', () => {
          const L = c.widths.length;
          const first = pooled(column(torch[i].grad, 0)).value;
          const last = pooled(column(torch[i].grad, L - 1)).value;
          const rho = (first / last) ** (2 / (L - 1));
          const torchPhase: Phase = phaseOf(rho);
          // clearly inside one band: 2 % (in ρ) away from both edges
          const margin = Math.min(Math.abs(Math.log(rho / 0.95)), Math.abs(Math.log(rho / 1.05)));
          assert.ok(margin > 0.02, `torch's ρ = ${fmt(rho)} is too close to a band edge for a phase check`);
          assert.equal(ours[i].phase, torchPhase, `ours: χ1 = ${fmt(ours[i].chi1)} → ${ours[i].phase}; torch: ρ = ${fmt(rho)} → ${torchPhase}`);
        });
      }
    });
  });
});
