import type { Rng } from './rng';
import { fillNormal } from './ziggurat';

/**
 * The first k columns of a Haar-random m×m orthogonal matrix (k ≤ m), column-major:
 * QR of an m×k Gaussian matrix by Householder reflections, each column of Q multiplied by
 * sign(R_jj) (Mezzadri 2007) so the result is uniform, not biased by the QR convention.
 */
export function haarColumns(rng: Rng, m: number, k: number): Float64Array {
  const a = new Float64Array(m * k); // column-major: a[j*m + i]
  fillNormal(rng, a, 0, m * k, 0, 1);
  const vs: Float64Array[] = [];
  const signs = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    // Householder vector v for column j below the diagonal: H = I − 2vvᵀ/(vᵀv)
    let norm = 0;
    for (let i = j; i < m; i++) norm += a[j * m + i] ** 2;
    norm = Math.sqrt(norm);
    const x0 = a[j * m + j];
    const alpha = x0 >= 0 ? -norm : norm; // R_jj = alpha
    signs[j] = alpha >= 0 ? 1 : -1;
    const v = new Float64Array(m - j);
    v[0] = x0 - alpha;
    for (let i = j + 1; i < m; i++) v[i - j] = a[j * m + i];
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    vs.push(v);
    if (vv === 0) continue;
    for (let c = j; c < k; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i - j] * a[c * m + i];
      const f = (2 * dot) / vv;
      for (let i = j; i < m; i++) a[c * m + i] -= f * v[i - j];
    }
  }
  // Q's first k columns: apply H_0 … H_{k−1} to the first k unit vectors, last reflection first
  const q = new Float64Array(m * k);
  for (let c = 0; c < k; c++) q[c * m + c] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const v = vs[j];
    let vv = 0;
    for (let i = 0; i < v.length; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i - j] * q[c * m + i];
      const f = (2 * dot) / vv;
      for (let i = j; i < m; i++) q[c * m + i] -= f * v[i - j];
    }
  }
  for (let c = 0; c < k; c++) {
    if (signs[c] < 0) for (let i = 0; i < m; i++) q[c * m + i] = -q[c * m + i];
  }
  return q;
}
