import { strict as assert } from 'node:assert';
import { convertShape, findScheme, resolve, type Framework } from '../../src/core';
import { nearestScheme, parseShape } from '../../webview/distributionControls';
import { affordableBatch, genericLayers } from '../../webview/signalControls';

const torch = (name: string, shape: number[], params = {}) => resolve(findScheme('torch', name)!.scheme, shape, params);

describe('preview controls', () => {
  it('convert a weight shape between PyTorch [out, in, *k] and channels-last [*k, in, out]', () => {
    assert.deepEqual(convertShape([128, 256], 'torch', 'keras'), [256, 128]);
    assert.deepEqual(convertShape([64, 32, 3, 5], 'torch', 'jax'), [3, 5, 32, 64]);
    assert.deepEqual(convertShape([3, 5, 32, 64], 'tfjs', 'torch'), [64, 32, 3, 5]);
    assert.deepEqual(convertShape([3, 5, 32, 64], 'keras', 'tfjs'), [3, 5, 32, 64]);
    assert.deepEqual(convertShape([10], 'torch', 'keras'), [10]);
  });

  it('switch framework to the scheme nearest in std, then family', () => {
    const cases: [string, object, Framework, string][] = [
      ['kaiming_normal_', { nonlinearity: 'relu' }, 'keras', 'HeNormal'],
      ['kaiming_normal_', { nonlinearity: 'relu' }, 'jax', 'he_normal'],
      ['xavier_uniform_', {}, 'tfjs', 'glorotUniform'],
      ['xavier_uniform_', {}, 'keras', 'GlorotUniform'],
      ['zeros_', {}, 'tfjs', 'zeros'],
      ['ones_', {}, 'keras', 'Ones'],
    ];
    for (const [name, params, framework, want] of cases) {
      const d = torch(name, [128, 256], params);
      const got = nearestScheme(framework, d, convertShape([128, 256], 'torch', framework));
      // the registries list one canonical spelling; compare through findScheme so aliases agree
      assert.equal(findScheme(framework, got)!.scheme, findScheme(framework, want)!.scheme, `${name} → ${framework}: ${got}`);
    }
  });

  it('read shapes as the user types them, and refuse what no tensor can be', () => {
    assert.deepEqual(parseShape('256, 784'), [256, 784]);
    assert.deepEqual(parseShape('[64, 3, 7, 7]'), [64, 3, 7, 7]);
    assert.deepEqual(parseShape('(32 × 16)'), [32, 16]);
    for (const bad of ['', '256, -1', '1.5, 3', 'a, b', '1e6, 1e6', '1,2,3,4,5,6,7']) assert.throws(() => parseShape(bad), /shape/, bad);
  });

  it('build a generic stack of square layers from a framework\'s scheme, with its errors', () => {
    const { layers, labels } = genericLayers({ framework: 'keras', scheme: 'he_normal', params: {}, activation: 'relu', depth: 3, width: 64 });
    assert.equal(layers.length, 3);
    assert.deepEqual(labels, ['layer 1', 'layer 2', 'layer 3']);
    assert.ok(layers.every((l) => l.fanIn === 64 && l.width === 64 && l.framework === 'keras'));
    assert.ok(Math.abs(layers[0].weight.std - Math.sqrt(2 / 64)) < 1e-12);
    assert.throws(() => genericLayers({ framework: 'torch', scheme: 'he_normal', params: {}, activation: 'relu', depth: 3, width: 64 }), /PyTorch has no scheme he_normal/);
  });

  it('cut the Monte Carlo batch to the budget, and skip it for stacks too big to sample', () => {
    const stack = (depth: number, width: number) => genericLayers({ framework: 'torch', scheme: 'Linear', params: {}, activation: 'relu', depth, width }).layers;
    assert.deepEqual(affordableBatch(stack(50, 256), 64), { batch: 64 });
    assert.deepEqual(affordableBatch(stack(50, 256), 0), { batch: 0 });
    const cut = affordableBatch(stack(40, 512), 256);
    assert.ok(cut.batch >= 4 && cut.batch < 256 && /instead of 256/.test(cut.note ?? ''), JSON.stringify(cut));
    const skipped = affordableBatch(stack(1000, 4096), 64);
    assert.equal(skipped.batch, 0);
    assert.match(skipped.note ?? '', /Monte Carlo skipped/);
  });
});
