import type { Finding, RuleCode } from '../finding';
import type { ModelAnalysis } from '../initEditor';
import { constantHiddenWeights } from './constantHiddenWeights';
import { defaultInitBeforeRelu } from './defaultInitBeforeRelu';
import { deprecatedInitAlias } from './deprecatedInitAlias';
import { fanInitOn1dTensor } from './fanInitOn1dTensor';
import { gainNamesWrongActivation } from './gainNamesWrongActivation';
import { hardCodedScaleOff } from './hardCodedScaleOff';
import { heBeforeSaturating } from './heBeforeSaturating';
import { seluWithoutLecunNormal } from './seluWithoutLecunNormal';
import { truncNormalAbsoluteBounds } from './truncNormalAbsoluteBounds';
import { unknownNonlinearity } from './unknownNonlinearity';
import { xavierBeforeRelu } from './xavierBeforeRelu';

export type Rule = (analysis: ModelAnalysis) => Finding[];

/** Every rule, by code; each reads the language-neutral model, so Python and TS/JS share them. */
export const RULES_BY_CODE: ReadonlyArray<readonly [RuleCode, Rule]> = [
  ['INIT001', xavierBeforeRelu],
  ['INIT002', heBeforeSaturating],
  ['INIT003', gainNamesWrongActivation],
  ['INIT004', constantHiddenWeights],
  ['INIT005', deprecatedInitAlias],
  ['INIT006', fanInitOn1dTensor],
  ['INIT007', unknownNonlinearity],
  ['INIT008', seluWithoutLecunNormal],
  ['INIT009', defaultInitBeforeRelu],
  ['INIT010', hardCodedScaleOff],
  ['INIT011', truncNormalAbsoluteBounds],
];
