import { strict as assert } from 'node:assert';
import { findScheme, resolve } from '../../src/core';
import { checkMessage, MAX_SAMPLES, MIN_SAMPLES } from '../../webview/validate';

const d = resolve(findScheme('torch', 'kaiming_normal_')!.scheme, [128, 256], { nonlinearity: 'relu' });
const view = { title: 't', scheme: 'kaiming_normal_', framework: 'PyTorch', formula: 'f', distribution: d };
const generic = { framework: 'torch', scheme: 'Linear', params: {}, activation: 'relu', depth: 20, width: 256 };

describe('webview message validation', () => {
  it('accepts a well-formed message and clamps samples and seed into range', () => {
    const ok = checkMessage({ type: 'showDistribution', view, samples: 1e12, seed: -5 });
    assert.ok(ok.ok);
    assert.equal(ok.ok && ok.message.type === 'showDistribution' && ok.message.samples, MAX_SAMPLES);
    assert.equal(ok.ok && ok.message.seed, 0);
    const few = checkMessage({ type: 'showDistribution', view, samples: 3, seed: 2.6 });
    assert.equal(few.ok && few.message.samples, MIN_SAMPLES);
    assert.equal(few.ok && few.message.seed, 3);
  });

  it('restores the open bounds JSON turned into null', () => {
    const sent = JSON.parse(JSON.stringify({ type: 'showDistribution', view, samples: 1000, seed: 1 }));
    assert.deepEqual(sent.view.distribution.bounds, [null, null]);
    const r = checkMessage(sent);
    assert.ok(r.ok && r.message.type === 'showDistribution');
    assert.deepEqual(r.ok && r.message.type === 'showDistribution' && r.message.view.distribution.bounds, [-Infinity, Infinity]);
  });

  it('accepts a signal view with no layers but a generic stack, and clamps its depth and width', () => {
    const r = checkMessage({ type: 'showSignal', view: { title: 's', layers: [], labels: [], generic: { ...generic, depth: 1e6, width: -3 } }, samples: 1000, seed: 0 });
    assert.ok(r.ok && r.message.type === 'showSignal');
    assert.deepEqual(r.ok && r.message.type === 'showSignal' && [r.message.view.generic.depth, r.message.view.generic.width], [1000, 1]);
  });

  for (const [what, message, reason] of [
    ['a NaN std', { type: 'showDistribution', view: { ...view, distribution: { ...d, std: NaN } } }, /not a finite number/],
    ['a negative dimension', { type: 'showDistribution', view: { ...view, distribution: { ...d, shape: [-1, 4] } } }, /non-negative integers/],
    ['an unknown family', { type: 'showDistribution', view: { ...view, distribution: { ...d, family: 'cauchy' } } }, /unknown family "cauchy"/],
    ['10^12 elements', { type: 'showDistribution', view: { ...view, distribution: { ...d, shape: [1e6, 1e6] } } }, /more than 1e\+9/],
    ['an unknown type', { type: 'explode' }, /unknown message type "explode"/],
    ['not an object', 42, /not an object/],
    ['a signal view without its generic stack', { type: 'showSignal', view: { title: 's', layers: [], labels: [] } }, /generic stack needs a known framework/],
    ['a generic stack of an unknown framework', { type: 'showSignal', view: { title: 's', layers: [], labels: [], generic: { ...generic, framework: 'mxnet' } } }, /known framework/],
    ['a generic stack with a NaN depth', { type: 'showSignal', view: { title: 's', layers: [], labels: [], generic: { ...generic, depth: NaN } } }, /depth and width are not numbers/],
    ['1001 layers', { type: 'showSignal', view: { title: 's', layers: new Array(1001).fill({}), labels: [], generic } }, /at most 1000 layers/],
    ['a zero fan_in', { type: 'showSignal', view: { title: 's', layers: [{ fanIn: 0, width: 4, activation: 'relu', weight: d, framework: 'torch' }], labels: [], generic } }, /positive whole fanIn/],
  ] as const) {
    it(`refuses ${what} with a reason the panel can show`, () => {
      const r = checkMessage(message);
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.error : '', reason as RegExp);
    });
  }
});
