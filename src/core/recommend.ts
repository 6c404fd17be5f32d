import { findActivation } from './activations';
import type { Framework } from './framework';
import type { Params } from './params';

export interface Recommendation {
  framework: Framework;
  /** A name `findScheme(framework, …)` resolves. */
  scheme: string;
  params: Params;
  /** Why, in one sentence. */
  reason: string;
}

/** He scale for a rectifier with negative slope a: 2/(1 + a²). */
const heScale = (slope: number) => 2 / (1 + slope * slope);

/**
 * The initializer that keeps the signal's variance for `activation`, in the framework's own
 * spelling. TF.js's *Normal presets are truncated without correction (≈ 0.77 of the variance),
 * so for TF.js the uniform presets, which are exact, are recommended.
 */
export function recommend(activation: string, framework: Framework, slope?: number): Recommendation {
  const act = findActivation(activation);
  const kind = act?.kind ?? 'linear';
  const name = act?.name ?? activation;
  const a = slope ?? act?.defaultSlope ?? 0;
  const leaky = name === 'leaky_relu' || name === 'prelu';
  const r = (scheme: string, params: Params, reason: string): Recommendation => ({ framework, scheme, params, reason });

  if (kind === 'reluLike') {
    const why = leaky
      ? `He scaling for a rectifier with slope ${a}: Var(W) = 2/((1 + a²)·fan_in) keeps the variance through ${name}`
      : `He scaling: Var(W) = 2/fan_in makes up for ${name} zeroing about half of its inputs`;
    switch (framework) {
      case 'torch': return leaky
        ? r('kaiming_normal_', { a, mode: 'fan_in', nonlinearity: 'leaky_relu' }, why)
        : r('kaiming_normal_', { mode: 'fan_in', nonlinearity: 'relu' }, why);
      case 'keras': return leaky
        ? r('VarianceScaling', { scale: heScale(a), mode: 'fan_in', distribution: 'truncated_normal' }, why)
        : r('he_normal', {}, why);
      case 'tfjs': return leaky
        ? r('varianceScaling', { scale: heScale(a), mode: 'fanIn', distribution: 'uniform' }, `${why}; uniform, because tfjs's 'normal' is truncated without correction`)
        : r('heUniform', {}, `${why}; heUniform rather than heNormal, which tfjs truncates without correction (≈ 0.77 of the variance)`);
      case 'jax': return leaky
        ? r('variance_scaling', { scale: heScale(a), mode: 'fan_in', distribution: 'truncated_normal' }, why)
        : r('he_normal', {}, why);
    }
  }
  if (kind === 'selu') {
    const why = 'SELU self-normalizes only with Var(W) = 1/fan_in (LeCun normal)';
    switch (framework) {
      case 'torch': return r('kaiming_normal_', { mode: 'fan_in', nonlinearity: 'linear' }, `${why}; PyTorch's 'selu' gain of 3/4 deliberately breaks that`);
      case 'keras': return r('lecun_normal', {}, why);
      case 'tfjs': return r('leCunUniform', {}, `${why}; leCunUniform has exactly that variance, tfjs's leCunNormal only ≈ 0.77 of it`);
      case 'jax': return r('lecun_normal', {}, why);
    }
  }
  const why = kind === 'saturating'
    ? `Glorot/Xavier scaling keeps ${name} near its linear range in both directions`
    : 'Glorot/Xavier scaling balances forward and backward variance for a linear output';
  switch (framework) {
    case 'torch': return name === 'tanh'
      ? r('xavier_uniform_', { gain: 5 / 3 }, `${why}, with the gain calculate_gain('tanh') = 5/3`)
      : r('xavier_uniform_', {}, why);
    case 'keras': return r('glorot_uniform', {}, why);
    case 'tfjs': return r('glorotUniform', {}, why);
    case 'jax': return r('glorot_uniform', {}, why);
  }
}
