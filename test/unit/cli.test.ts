import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

describe('initlens describe / sample', () => {
  it('describes a PyTorch initializer with its fans, gain and std as JSON', () => {
    const r = run('describe', '--framework', 'torch', '--init', 'kaiming_normal_', '--shape', '256,128', '--param', 'nonlinearity=relu', '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.family, 'normal');
    assert.equal(j.fanIn, 128);
    assert.equal(j.fanOut, 256);
    assert.equal(j.gain, Math.SQRT2);
    assert.equal(j.std, Math.SQRT2 / Math.sqrt(128));
    assert.deepEqual(j.bounds, [null, null]);
    assert.deepEqual(j.params, { a: 0, mode: 'fan_in', nonlinearity: 'relu' });
  });

  it('accepts aliases, module paths and layer defaults, and flags deprecated names', () => {
    assert.equal(JSON.parse(run('describe', '--framework', 'keras', '--init', 'keras.initializers.HeNormal', '--shape', '3,3,64,128', '--json').out).init, 'HeNormal');
    // kaiming_uniform_(a=√5): √3·√(1/3)/√5, which is 1/√5 up to rounding
    const linearBound = JSON.parse(run('describe', '--framework', 'torch', '--init', 'Linear', '--shape', '10,5', '--json').out).bounds[1];
    assert.ok(Math.abs(linearBound - 1 / Math.sqrt(5)) < 1e-15);
    const dep = JSON.parse(run('describe', '--framework', 'torch', '--init', 'nn.init.xavier_uniform', '--shape', '4,4', '--json').out);
    assert.equal(dep.init, 'xavier_uniform_');
    assert.match(dep.deprecated, /xavier_uniform is deprecated; use xavier_uniform_/);
    assert.match(run('describe', '--framework', 'tfjs', '--init', 'heNormal', '--shape', '4,4').out, /family\s+truncatedNormal/);
  });

  it('samples reproducibly, reporting moments, a histogram and the time spent', () => {
    const args = ['sample', '--framework', 'jax', '--init', 'he_uniform', '--shape', '100,10', '--n', '5000', '--seed', '9', '--bins', '10', '--json'];
    const a = JSON.parse(run(...args).out);
    const b = JSON.parse(run(...args).out);
    assert.deepEqual(a.sampled, b.sampled);
    assert.deepEqual(a.histogram.counts, b.histogram.counts);
    assert.equal(a.histogram.counts.reduce((x: number, y: number) => x + y, 0), 5000);
    assert.equal(typeof a.ms, 'number');
    assert.ok(a.sampled.max <= Math.sqrt(6 / 100) && a.sampled.min >= -Math.sqrt(6 / 100));
  });

  it('answers a framework error with the framework\'s message and exit 1', () => {
    const r = run('describe', '--framework', 'torch', '--init', 'kaiming_uniform_', '--shape', '8', '--param', 'nonlinearity=relu');
    assert.equal(r.code, 1);
    assert.equal(r.err.trim(), 'ValueError: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
    assert.equal(run('describe', '--framework', 'torch', '--init', 'kaiming_normal_', '--shape', '4,4', '--param', 'nonlinearity=gelu').err.trim(), 'ValueError: Unsupported nonlinearity gelu');
  });

  it('answers wrong usage with a message, the usage text and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['describe', '--framework', 'torch', '--init', 'xavier_uniform_', '--shape', '4,4', '--bogus'], /Unknown option '--bogus'/],
      [['describe', '--framework', 'mxnet', '--init', 'x', '--shape', '4'], /--framework must be one of torch, keras, tfjs, jax/],
      [['describe', '--framework', 'torch', '--shape', '4'], /--init is required/],
      [['describe', '--framework', 'torch', '--init', 'kaiming_normal'], /--shape is required/],
      [['describe', '--framework', 'torch', '--init', 'he_normal', '--shape', '4,4'], /torch has no initializer 'he_normal'/],
      [['describe', '--framework', 'torch', '--init', 'xavier_uniform_', '--shape', '4,x'], /--shape takes non-negative integers/],
      [['describe', '--framework', 'torch', '--init', 'xavier_uniform_', '--shape', '4,4', '--param', 'gain'], /--param takes key=value/],
      [['sample', '--framework', 'torch', '--init', 'xavier_uniform_', '--shape', '4,4', '--n', '0'], /--n takes a whole number from 1 to 100000000/],
      [['describe', '--framework', 'torch', '--init', 'xavier_uniform_', '--shape', '4,4', '--seed', '3'], /--seed belongs to 'sample'/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      const r = run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, message);
      assert.match(r.err, /Usage:/);
    }
    const typo = run('describe', '--framework', 'torch', '--init', 'xavier_uniform_', '--shape', '4,4', '--param', 'gain=relu');
    assert.equal(typo.code, 2);
    assert.match(typo.err, /gain must be a number/);
  });
});
