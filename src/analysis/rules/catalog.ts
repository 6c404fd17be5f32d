import type { RuleCode, Severity } from '../finding';

export interface RuleInfo {
  code: RuleCode;
  /** kebab-case name, as Ruff names its rules. */
  name: string;
  defaultSeverity: Severity;
  /** One sentence for SARIF, settings and the README. */
  summary: string;
}

export const RULES: readonly RuleInfo[] = [
  { code: 'INIT001', name: 'xavier-before-relu', defaultSeverity: 'warning', summary: 'Xavier/Glorot/LeCun-scaled weights before a ReLU-family activation lose half the variance at every layer.' },
  { code: 'INIT002', name: 'he-before-saturating', defaultSeverity: 'warning', summary: 'He/Kaiming weights before a saturating activation (tanh, sigmoid, …) drive it into saturation.' },
  { code: 'INIT003', name: 'gain-names-wrong-activation', defaultSeverity: 'warning', summary: 'The nonlinearity or gain argument names a different activation than the one that follows, and the gain is off by more than 10 %.' },
  { code: 'INIT004', name: 'constant-hidden-weights', defaultSeverity: 'error', summary: 'Zero or constant weights on a hidden layer: every unit computes the same thing and gets the same gradient.' },
  { code: 'INIT005', name: 'deprecated-init-alias', defaultSeverity: 'warning', summary: 'Deprecated torch.nn.init alias without the trailing underscore.' },
  { code: 'INIT006', name: 'fan-init-on-1d-tensor', defaultSeverity: 'error', summary: 'A fan-based initializer on a tensor with fewer than 2 dimensions: PyTorch raises ValueError.' },
  { code: 'INIT007', name: 'unknown-nonlinearity', defaultSeverity: 'error', summary: "A nonlinearity name that torch.nn.init.calculate_gain rejects: ValueError at run time." },
  { code: 'INIT008', name: 'selu-without-lecun-normal', defaultSeverity: 'warning', summary: 'SELU self-normalizes only with LeCun-normal weights (variance 1/fan_in).' },
  { code: 'INIT009', name: 'default-init-before-relu', defaultSeverity: 'hint', summary: "A framework default initializer is kept before a ReLU-family activation." },
  { code: 'INIT010', name: 'hard-coded-scale-off', defaultSeverity: 'warning', summary: 'A hard-coded std or bound is more than 3x off the variance-preserving scale for the layer shape and activation.' },
  { code: 'INIT011', name: 'trunc-normal-absolute-bounds', defaultSeverity: 'information', summary: 'trunc_normal_ with a small std and the default a=-2, b=2: the bounds are absolute, so nothing is truncated.' },
];

export const RULE_BY_CODE: ReadonlyMap<RuleCode, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));
