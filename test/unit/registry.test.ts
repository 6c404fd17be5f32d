import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAMEWORKS, findScheme, isFramework, parseParamValue, REGISTRIES, resolve, schemeNames, type ParamValue } from '../../src/core';

const FIXTURE = join(__dirname, '..', 'fixtures', 'reference-names.txt');

/** `name`, `name[shape]`, `name(k=v,k=v)` or both. */
function parseEntry(entry: string): { name: string; shape: number[]; params: Record<string, ParamValue> } {
  const m = /^([^[(]+)(?:\[([^\]]*)\])?(?:\(([^)]*)\))?$/.exec(entry);
  if (!m) throw new Error(`bad entry ${entry}`);
  const params: Record<string, ParamValue> = {};
  for (const kv of (m[3] ?? '').split(',').filter(Boolean)) {
    const [k, v] = kv.split('=');
    params[k] = parseParamValue(v);
  }
  return { name: m[1], shape: m[2] !== undefined ? m[2].split(',').map(Number) : [64, 32], params };
}

describe('registries', () => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  for (const line of lines) {
    const [head, list] = line.split(':').map((s) => s.trim());
    const [framework, flag] = head.split(' ');
    for (const entry of list.split(/\s+/)) {
      it(`${framework} resolves ${entry}${flag ? ` (${flag})` : ''}`, () => {
        assert.ok(isFramework(framework));
        const { name, shape, params } = parseEntry(entry);
        const match = findScheme(framework, name);
        assert.ok(match, `${framework} has no '${name}'`);
        assert.equal(Boolean(match.deprecatedName), flag === 'deprecated');
        const d = resolve(match.scheme, shape, params);
        assert.ok(Number.isFinite(d.mean) && Number.isFinite(d.std), `${name}: mean ${d.mean}, std ${d.std}`);
      });
    }
  }

  it('has no name twice within a framework', () => {
    for (const f of FRAMEWORKS) {
      const seen = new Map<string, string>();
      for (const s of REGISTRIES[f]) {
        for (const n of [s.name, ...s.aliases, ...s.deprecatedAliases]) {
          assert.ok(!seen.has(n), `${f}: '${n}' names both ${seen.get(n)} and ${s.name}`);
          seen.set(n, s.name);
        }
      }
    }
  });

  it('is case-sensitive like the frameworks and rejects unknown names', () => {
    assert.equal(findScheme('torch', 'Kaiming_normal_'), undefined);
    assert.equal(findScheme('keras', 'henormal'), undefined);
    assert.equal(findScheme('tfjs', 'he_normal'), undefined);
    assert.equal(findScheme('jax', 'HeNormal'), undefined);
    assert.equal(findScheme('torch', 'trunc_normal'), undefined, 'PyTorch has no trunc_normal alias');
    assert.equal(findScheme('torch', 'zeros'), undefined, 'PyTorch has no zeros alias');
  });

  it('lists every accepted name, defaults of every parameter included', () => {
    assert.ok(schemeNames('torch').includes('xavier_uniform'));
    for (const f of FRAMEWORKS) for (const s of REGISTRIES[f]) for (const p of s.params) assert.notEqual(p.default, undefined, `${f}.${s.name}.${p.name}`);
  });

  it('rejects parameters the initializer does not take, naming those it does', () => {
    const { scheme } = findScheme('torch', 'xavier_uniform_')!;
    assert.throws(() => resolve(scheme, [4, 4], { nonlinearity: 'relu' }), /^InitError: xavier_uniform_\(\) got an unexpected keyword argument 'nonlinearity'$/);
    const tfjs = findScheme('tfjs', 'heNormal')!.scheme;
    assert.throws(() => resolve(tfjs, [4, 4], { mode: 'fanIn' }), /heNormal got an unexpected parameter 'mode' \(accepts seed\)/);
    assert.throws(() => resolve(scheme, [4, -1]), /non-negative integer/);
  });
});
