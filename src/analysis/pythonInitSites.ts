import { calculateGain, findScheme, type Scheme } from '../core';
import type { Framework } from '../core';
import type { Arg, GainCall, InitSite, Layer } from './model';
import type { Node } from './parser';
import { callArguments, stringValue } from './pythonLiteral';
import type { ModuleObject } from './moduleFlow';
import type { PythonModel, Scope } from './pythonModel';

/** In-place tensor methods and the torch.nn.init scheme each one amounts to, with its arguments in order. */
const TENSOR_METHODS: Readonly<Record<string, { scheme: string; params: string[]; keywords?: Record<string, string> }>> = {
  normal_: { scheme: 'normal_', params: ['mean', 'std'] },
  uniform_: { scheme: 'uniform_', params: ['a', 'b'], keywords: { from: 'a', to: 'b' } },
  fill_: { scheme: 'constant_', params: ['val'], keywords: { value: 'val' } },
  zero_: { scheme: 'zeros_', params: [] },
};

/** Parameter names of modules: `weight`, `bias`, `weight_hh_l0`, `in_proj_weight`, `lora_B`. */
const PARAMETER = /^(weight|bias|\w*_weight|\w*_bias|weight_\w+|bias_\w+|lora_[AB]\w*)$/;

/** Splits `self.fc.weight.data` into the module expression `self.fc` and the tensor name `weight`. */
function splitTensor(node: Node): { module?: Node; tensor?: string } {
  let n: Node | null = node;
  if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'data') n = n.childForFieldName('object');
  if (n?.type !== 'attribute') return {};
  const tensor = n.childForFieldName('attribute')?.text;
  if (!tensor || !PARAMETER.test(tensor)) return {};
  return { module: n.childForFieldName('object') ?? undefined, tensor };
}

/** The layers a module object stands for; a `self.modules()` loop narrowed by isinstance stands for every layer of those kinds. */
function layersOf(object: ModuleObject | undefined, model: PythonModel): Layer[] {
  if (!object) return [];
  switch (object.t) {
    case 'layer': return [object.layer];
    case 'pass': return object.norm ? [object.norm] : [];
    case 'any': return object.objects.flatMap((o) => layersOf(o, model));
    case 'sequence': return object.items.flatMap((o) => layersOf(o, model));
    case 'modules':
      return object.kinds
        ? model.layers.filter((l) => l.framework === 'torch' && object.kinds!.includes(l.kind))
        : model.layers.filter((l) => l.framework === 'torch' && l.dense);
    default: return [];
  }
}

/** An init site whose targets are resolved once every layer of the file is known. */
export interface LateSite {
  site: InitSite;
  object: ModuleObject;
}

/** `self.modules()` / an `.apply(fn)` parameter, alone or among other objects: it stands for layers defined anywhere in the file. */
function coversEveryLayer(object: ModuleObject): boolean {
  switch (object.t) {
    case 'modules': return true;
    case 'any': return object.objects.some(coversEveryLayer);
    case 'sequence': return object.items.some(coversEveryLayer);
    default: return false;
  }
}

/** Collects the torch.nn.init calls and in-place tensor calls as the model interpreter meets them. */
export class InitSiteCollector {
  readonly sites: InitSite[] = [];
  readonly gainCalls: GainCall[] = [];
  private readonly seen = new Set<number>();
  /** Sites on a `self.modules()` / `.apply(fn)` variable: they cover layers defined anywhere, so they resolve last. */
  readonly late: LateSite[] = [];

  /**
   * Resolves the sites whose targets depend on every layer in the file. Sites over the same kinds
   * share one list: filtering every layer for every site was quadratic in a file of many models.
   */
  finish(model: PythonModel): void {
    const shared = new Map<string, Layer[]>();
    for (const { site, object } of this.late) {
      const key = object.t === 'modules' ? JSON.stringify(object.kinds ?? null) : undefined;
      if (key === undefined) {
        site.targets = layersOf(object, model);
        continue;
      }
      let targets = shared.get(key);
      if (!targets) shared.set(key, (targets = layersOf(object, model)));
      site.targets = targets;
    }
  }

  private target(site: InitSite, module: Node | undefined, scope: Scope, model: PythonModel): InitSite {
    const object = module ? model.evalObject(module, scope) : undefined;
    if (object && coversEveryLayer(object)) this.late.push({ site, object });
    else site.targets = layersOf(object, model);
    return site;
  }

  readonly onCall = (call: Node, scope: Scope, model: PythonModel): void => {
    if (this.seen.has(call.id)) return;
    this.seen.add(call.id);
    const fn = call.childForFieldName('function');
    if (!fn) return;
    const q = model.qualify(fn);
    if (q?.startsWith('torch.nn.init.')) {
      const name = q.slice('torch.nn.init.'.length);
      if (name === 'calculate_gain') {
        const arg = callArguments(call).positional[0] ?? callArguments(call).keywords.get('nonlinearity')?.value;
        const value = arg && stringValue(arg);
        if (arg && value !== undefined) this.gainCalls.push({ call, name: value, nameNode: arg });
        return;
      }
      const match = findScheme('torch', name);
      if (match) this.functionSite(call, match.scheme, match.deprecatedName, scope, model);
      return;
    }
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const spec = TENSOR_METHODS[method];
      const receiver = fn.childForFieldName('object');
      if (!spec || !receiver) return;
      const { module, tensor } = splitTensor(receiver);
      if (!module || !tensor) return;
      const scheme = findScheme('torch', spec.scheme)!.scheme;
      const args = callArguments(call);
      const mapped: Record<string, Arg> = {};
      spec.params.forEach((p, i) => {
        if (args.positional[i]) mapped[p] = this.arg(args.positional[i], scope, model);
      });
      for (const [k, { value }] of args.keywords) {
        const p = spec.keywords?.[k] ?? (spec.params.includes(k) ? k : undefined);
        if (p) mapped[p] = this.arg(value, scope, model);
      }
      this.sites.push(this.target({
        framework: 'torch', style: 'method', node: call, expression: call, scheme, args: mapped, tensor, tensorNode: receiver, targets: [],
      }, module, scope, model));
    }
  };

  private functionSite(call: Node, scheme: Scheme, deprecatedName: string | undefined, scope: Scope, model: PythonModel): void {
    const args = callArguments(call);
    const tensorNode = args.positional[0] ?? args.keywords.get('tensor')?.value;
    const mapped: Record<string, Arg> = {};
    scheme.params.forEach((p, i) => {
      const node = args.keywords.get(p.name)?.value ?? args.positional[i + 1];
      if (node) mapped[p.name] = this.arg(node, scope, model);
    });
    const split = tensorNode ? splitTensor(tensorNode) : {};
    this.sites.push(this.target({
      framework: 'torch', style: 'function', node: call, expression: call, scheme, deprecatedName, args: mapped,
      tensor: split.tensor, tensorNode, targets: [],
    }, split.module, scope, model));
  }

  private arg(node: Node, scope: Scope, model: PythonModel): Arg {
    if (node.type === 'call' && model.qualify(node.childForFieldName('function')) === 'torch.nn.init.calculate_gain') {
      const args = callArguments(node);
      const nameNode = args.positional[0] ?? args.keywords.get('nonlinearity')?.value;
      const name = nameNode && stringValue(nameNode);
      const param = model.constant(args.positional[1] ?? args.keywords.get('param')?.value, scope);
      if (nameNode && name !== undefined) {
        let value: number | undefined;
        try { value = calculateGain(name, typeof param === 'number' ? param : null); } catch { value = undefined; }
        return { node, value, gainOf: { name, param: typeof param === 'number' ? param : undefined, nameNode } };
      }
    }
    return { node, value: model.constant(node, scope) };
  }

  /** Keras `kernel_initializer=` / Flax `kernel_init=` arguments. */
  readonly onLayer = (layer: Layer, scope: Scope, model: PythonModel): void => {
    for (const which of ['kernel', 'bias'] as const) {
      const keyword = layer.initArgs[which];
      const value = keyword?.childForFieldName('value');
      if (!keyword || !value) continue;
      const site = this.argumentSite(layer.framework, keyword, value, scope, model);
      if (site) this.sites.push({ ...site, tensor: which, targets: [layer] });
    }
  };

  private argumentSite(
    framework: Framework, keyword: Node, value: Node, scope: Scope, model: PythonModel,
  ): Omit<InitSite, 'tensor' | 'targets'> | undefined {
    const literal = stringValue(value);
    if (literal !== undefined) {
      const match = findScheme(framework, literal);
      return match && { framework, style: 'argument', node: keyword, expression: value, scheme: match.scheme, args: {} };
    }
    const isCall = value.type === 'call';
    const fn = isCall ? value.childForFieldName('function') : value;
    const q = model.qualify(fn);
    if (!q || !(framework === 'keras' ? q.startsWith('keras.initializers.') : q.startsWith('jax.nn.initializers.'))) return undefined;
    const match = findScheme(framework, q);
    if (!match) return undefined;
    const args: Record<string, Arg> = {};
    if (isCall) {
      const call = callArguments(value);
      match.scheme.params.forEach((p, i) => {
        const node = call.keywords.get(p.name)?.value ?? call.positional[i];
        if (node) args[p.name] = this.arg(node, scope, model);
      });
    }
    return { framework, style: 'argument', node: keyword, expression: value, scheme: match.scheme, args };
  }
}
