import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findScheme, InitError, isFramework, parseParamValue, resolve, type Distribution, type ParamValue } from '../../src/core';
import { TRUNCATION_CORRECTION } from '../../src/core/truncatedNormal';
import { evaluate } from '../helpers/expression';

/** Reads test/fixtures/reference-formulas.txt: one case per line, expectations as formulas. */
const FIXTURE = join(__dirname, '..', 'fixtures', 'reference-formulas.txt');
const lines = readFileSync(FIXTURE, 'utf8').split('\n').map((l, n) => ({ text: l.trim(), line: n + 1 })).filter((l) => l.text && !l.text.startsWith('#'));

function field(d: Distribution, name: string): number | undefined {
  switch (name) {
    case 'fanIn': return d.fans?.fanIn;
    case 'fanOut': return d.fans?.fanOut;
    case 'gain': return d.fans?.gain;
    case 'low': return 'low' in d ? d.low : d.bounds[0];
    case 'high': return 'high' in d ? d.high : d.bounds[1];
    case 'sigma': return 'sigma' in d ? d.sigma : undefined;
    case 'mean': return d.mean;
    case 'std': return d.std;
    default: throw new Error(`unknown field ${name}`);
  }
}

describe('reference formulas (Keras, JAX and the parts of TF.js/PyTorch no oracle reaches)', () => {
  for (const { text, line } of lines) {
    const [framework, init, shapeText, paramText, family, ...rest] = text.split('|').map((s) => s.trim());
    it(`${framework}.${init}(${paramText}) on [${shapeText}] (line ${line})`, () => {
      assert.ok(isFramework(framework), `bad framework ${framework}`);
      const match = findScheme(framework, init);
      assert.ok(match, `${framework} has no '${init}'`);
      const shape = shapeText === '' ? [] : shapeText.split(',').map(Number);
      const params: Record<string, ParamValue> = {};
      // split on commas outside brackets
      for (const kv of paramText.match(/[^,[]+(\[[^\]]*\])?[^,]*/g)?.filter((s) => s.trim()) ?? []) {
        const [k, v] = kv.split('=');
        params[k.trim()] = parseParamValue(v);
      }
      if (family === 'error') {
        const [errorType, message] = rest;
        assert.throws(() => resolve(match.scheme, shape, params), (e: unknown) => {
          assert.ok(e instanceof InitError, String(e));
          assert.equal(e.errorType, errorType);
          assert.equal(e.message.trimEnd(), message, 'the fixture cannot hold trailing spaces; the message is compared without them');
          return true;
        });
        return;
      }
      const d = resolve(match.scheme, shape, params);
      assert.equal(d.family, family);
      for (const expectation of rest.join('|').split(';').map((s) => s.trim()).filter(Boolean)) {
        const [name, expr] = expectation.split('=');
        const expected = evaluate(expr, { TC: TRUNCATION_CORRECTION });
        const actual = field(d, name.trim());
        assert.ok(actual !== undefined, `${name} missing`);
        const tol = 1e-12 * Math.max(1, Math.abs(expected));
        assert.ok(Math.abs(actual - expected) <= tol, `${name}: expected ${expected} (${expr}), got ${actual}`);
      }
    });
  }
});
