import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import * as tf from '@tensorflow/tfjs';

// The TF.js fixes must produce code TF.js accepts: every fixed golden file (and its input) is
// bundled, loaded, and every model it exports or builds is constructed by the real TF.js 4.22.
// (TF.js rejects, for instance, a {className} initializer object without `config`.)

const fixes = join(__dirname, '..', 'fixtures', 'fixes');
// inside node_modules so `require('@tensorflow/tfjs')` resolves from the bundle
const out = join(__dirname, '..', '..', 'node_modules', '.cache', 'initlens-tfjs-oracle');

function load(file: string): Record<string, unknown> {
  const result = esbuild.buildSync({
    entryPoints: [join(fixes, file)], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'silent',
    external: ['@tensorflow/tfjs'],
    alias: { '@tensorflow/tfjs-node': '@tensorflow/tfjs', '@tensorflow/tfjs-node-gpu': '@tensorflow/tfjs', '@tensorflow/tfjs-layers': '@tensorflow/tfjs' },
  });
  mkdirSync(out, { recursive: true });
  const bundle = join(out, `${file}.cjs`);
  writeFileSync(bundle, result.outputFiles[0].text);
  const mod = require(bundle);
  return mod instanceof tf.LayersModel ? { default: mod } : mod;
}

/** Every model a module exports, building the ones behind exported functions with width 16 for each argument. */
function models(mod: Record<string, unknown>): tf.LayersModel[] {
  const built: tf.LayersModel[] = [];
  for (const value of Object.values(mod)) {
    if (value instanceof tf.LayersModel) built.push(value);
    else if (typeof value === 'function') {
      const r = (value as (...a: number[]) => unknown)(...Array(value.length).fill(16));
      if (r instanceof tf.LayersModel) built.push(r);
    }
  }
  return built;
}

describe('TF.js fixes against real TF.js', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });
  const files = readdirSync(fixes).filter((f) => /tfjs.*\.(ts|js)$/.test(f)).sort();
  it('has TF.js golden pairs to check', () => assert.ok(files.length >= 20));
  for (const file of files) {
    it(`${file} builds`, () => {
      const warn = console.warn;
      console.warn = () => {};
      try {
        const built = models(load(file));
        assert.ok(built.length > 0, 'no model built');
        for (const m of built) assert.ok(m.countParams() > 0);
      } finally {
        console.warn = warn;
      }
    });
  }
});
