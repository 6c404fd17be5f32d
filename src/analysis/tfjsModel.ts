import { findScheme, type ParamValue } from '../core';
import { jsConstant, jsString, objectProperties, unwrap } from './jsLiteral';
import type { Arg, InitSite, Layer } from './model';
import { EMPTY, ModuleFlow, type ModuleObject, type Value } from './moduleFlow';
import type { Node } from './parser';
import type { ImportMap } from './pythonImports';
import { activationByName } from './pythonVocabulary';
import { qualifyTfjs } from './tfjsImports';
import { tfjsLayerRole } from './tfjsVocabulary';
import { namedChildren } from './syntax';

interface Binding { object?: ModuleObject; value?: Value; constant?: ParamValue; initializer?: Node }

const DIMS: Readonly<Record<string, number>> = { conv1d: 1, conv2d: 2, conv3d: 3, conv2dTranspose: 2, conv3dTranspose: 3, separableConv2d: 2, depthwiseConv2d: 2 };

/**
 * Reads TF.js models from TS/JS: `tf.sequential()` + `model.add(…)`, `tf.sequential({layers})`,
 * and the functional `layer.apply(x)` style. One flat name table per file: model-building code
 * binds each name once in practice, and a later binding wins.
 */
export class TfjsModel extends ModuleFlow {
  readonly sites: InitSite[] = [];
  private readonly names = new Map<string, Binding>();
  private readonly byCall = new Map<number, Layer>();

  constructor(readonly imports: ImportMap) {
    super();
  }

  private qualify(node: Node | null | undefined): string | undefined {
    return qualifyTfjs(node, this.imports);
  }

  private constant(node: Node | null | undefined): ParamValue | undefined {
    return jsConstant(node, (name) => this.names.get(name)?.constant);
  }

  run(root: Node): void {
    this.walk(root);
  }

  /** Statements in document order; function bodies where they are written (they build the model when called). */
  private walk(node: Node): void {
    this.deeper(undefined, () => this.walkChildren(node));
  }

  private walkChildren(node: Node): void {
    for (const child of namedChildren(node)) {
      switch (child.type) {
        case 'lexical_declaration':
        case 'variable_declaration':
          for (const d of namedChildren(child)) if (d.type === 'variable_declarator') this.declare(d);
          break;
        case 'expression_statement':
        case 'return_statement':
          for (const e of namedChildren(child)) this.evalValue(e);
          break;
        case 'import_statement':
        case 'comment':
          break;
        default:
          this.walk(child);
      }
    }
  }

  private declare(d: Node): void {
    const name = d.childForFieldName('name');
    const value = d.childForFieldName('value');
    if (!value) return;
    if (name?.type !== 'identifier') {
      this.evalValue(value);
      return;
    }
    // only `const` holds a width for sure; a `let` may be reassigned anywhere
    const isConst = d.parent?.type === 'lexical_declaration' && d.parent.firstChild?.text === 'const';
    const constant = isConst ? this.constant(value) : undefined;
    if (constant !== undefined) {
      this.names.set(name.text, { constant });
      return;
    }
    const v = unwrap(value);
    if (v?.type === 'call_expression' && this.qualify(v.childForFieldName('function'))?.startsWith('tf.initializers.')) {
      this.names.set(name.text, { initializer: v });
      return;
    }
    const object = this.evalObject(value);
    if (object) {
      this.names.set(name.text, { object });
      if (object.t === 'layer' && !object.layer.refs.includes(name.text)) object.layer.refs.push(name.text);
      return;
    }
    this.names.set(name.text, { value: this.evalValue(value) });
  }

  /** The module object an expression denotes: a layer factory call, `tf.sequential(…)`, `tf.input(…)`, an array of layers. */
  private evalObject(node: Node | null | undefined): ModuleObject | undefined {
    const n = unwrap(node);
    return n ? this.deeper(undefined, () => this.evalObjectAt(n)) : undefined;
  }

  private evalObjectAt(n: Node): ModuleObject | undefined {
    if (n.type === 'identifier') return this.names.get(n.text)?.object;
    if (n.type === 'array') {
      const seq = this.sequence(false);
      for (const item of namedChildren(n)) this.push(seq, this.evalObject(item) ?? { t: 'any', objects: [] });
      return seq;
    }
    if (n.type !== 'call_expression') return undefined;
    const q = this.qualify(n.childForFieldName('function'));
    if (!q) return undefined;
    const config = namedChildren(n.childForFieldName('arguments') ?? n)[0];
    const props = objectProperties(config);
    if (q === 'tf.sequential') {
      const seq = this.sequence(true);
      const list = this.evalObject(props.get('layers')?.value);
      if (list?.t === 'sequence') for (const item of list.items) this.push(seq, item);
      return seq;
    }
    if (q === 'tf.input' || q === 'tf.layers.input') {
      const shape = this.constant(props.get('shape')?.value ?? props.get('batchShape')?.value);
      return { t: 'input', width: Array.isArray(shape) ? shape[shape.length - 1] : undefined };
    }
    if (q === 'tf.layers.activation') {
      const name = jsString(props.get('activation')?.value);
      const act = name ? activationByName(name) : undefined;
      return act ? { t: 'activation', name: act } : { t: 'pass' };
    }
    const role = tfjsLayerRole(q);
    if (!role) return undefined;
    switch (role.role) {
      case 'activation': {
        const slope = this.constant(props.get('alpha')?.value);
        return { t: 'activation', name: role.name, slope: typeof slope === 'number' ? slope : role.defaultSlope };
      }
      case 'pass': return { t: 'pass', reshapes: role.reshapes };
      case 'norm': return { t: 'pass', norm: this.layer(n, role.kind, false, true, props) };
      case 'layer': return { t: 'layer', layer: this.layer(n, role.kind, role.dense, false, props) };
      default: return undefined;
    }
  }

  private layer(call: Node, kind: string, dense: boolean, norm: boolean, props: ReturnType<typeof objectProperties>): Layer {
    const known = this.byCall.get(call.id);
    if (known) return known;
    const layer: Layer = { id: this.layers.length, framework: 'tfjs', kind, dense, norm, call, refs: [], output: false, residualEnd: false, initArgs: {} };
    layer.initArgs.kernel = (props.get('kernelInitializer') ?? props.get('depthwiseInitializer'))?.pair;
    layer.initArgs.bias = props.get('biasInitializer')?.pair;
    const int = (key: string) => {
      const v = this.constant(props.get(key)?.value);
      return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
    };
    layer.outputWidth = int('units') ?? int('filters');
    const shape = this.constant(props.get('inputShape')?.value ?? props.get('batchInputShape')?.value);
    layer.inputWidth = Array.isArray(shape) ? shape[shape.length - 1] : int('inputDim');
    if (DIMS[kind]) {
      const k = this.constant(props.get('kernelSize')?.value);
      layer.kernelSize = typeof k === 'number' ? Array(DIMS[kind]).fill(k) : Array.isArray(k) && k.length === DIMS[kind] ? k : undefined;
    }
    const act = jsString(props.get('activation')?.value);
    const name = act ? activationByName(act) : undefined;
    if (name) layer.activation = { name, via: 'activation argument' };
    this.layers.push(layer);
    this.byCall.set(call.id, layer);
    for (const [tensor, pair] of [['kernel', layer.initArgs.kernel], ['bias', layer.initArgs.bias]] as const) {
      const site = pair && this.site(pair);
      if (site) this.sites.push({ ...site, tensor, targets: [layer] });
    }
    return layer;
  }

  /** `kernelInitializer: 'heNormal' | tf.initializers.heNormal({seed}) | {className, config} | a const bound to one`. */
  private site(pair: Node): Omit<InitSite, 'tensor' | 'targets'> | undefined {
    let value = unwrap(pair.type === 'pair' ? pair.childForFieldName('value') : pair);
    if (value?.type === 'identifier') value = this.names.get(value.text)?.initializer ?? value;
    if (!value) return undefined;
    const literal = jsString(value);
    let name: string | undefined;
    let config: Node | undefined;
    if (literal !== undefined) name = literal;
    else if (value.type === 'call_expression') {
      const q = this.qualify(value.childForFieldName('function'));
      if (!q?.startsWith('tf.initializers.')) return undefined;
      name = q;
      config = namedChildren(value.childForFieldName('arguments') ?? value)[0];
    } else if (value.type === 'object') {
      const props = objectProperties(value);
      name = jsString(props.get('className')?.value);
      config = props.get('config')?.value;
    }
    const match = name ? findScheme('tfjs', name) : undefined;
    if (!match) return undefined;
    const args: Record<string, Arg> = {};
    const props = objectProperties(config);
    for (const p of match.scheme.params) {
      const prop = props.get(p.name);
      if (prop) args[p.name] = { node: prop.value, value: this.constant(prop.value) };
    }
    return { framework: 'tfjs', style: 'argument', node: pair, expression: value, scheme: match.scheme, args };
  }

  /** Follows tensors: `layer.apply(x)`, `model.add(layer)`; every nested call is visited once. */
  private evalValue(node: Node | null | undefined): Value {
    const n = unwrap(node);
    return n ? this.deeper(EMPTY, () => this.evalValueAt(n)) : EMPTY;
  }

  private evalValueAt(n: Node): Value {
    if (n.type === 'identifier') {
      const b = this.names.get(n.text);
      return b?.object?.t === 'input' ? { pending: [], width: b.object.width } : b?.value ?? EMPTY;
    }
    if (n.type === 'assignment_expression') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        const object = this.evalObject(right);
        this.names.set(left.text, object ? { object } : { value: this.evalValue(right) });
      }
      return EMPTY;
    }
    if (n.type === 'arrow_function' || n.type === 'function_expression' || n.type === 'function') {
      const body = n.childForFieldName('body');
      if (body?.type === 'statement_block') this.walk(body); else this.evalValue(body);
      return EMPTY;
    }
    if (n.type !== 'call_expression') {
      for (const child of namedChildren(n)) this.evalValue(child);
      return EMPTY;
    }
    const fn = unwrap(n.childForFieldName('function'));
    const args = namedChildren(n.childForFieldName('arguments') ?? n);
    if (fn?.type === 'member_expression') {
      const method = fn.childForFieldName('property')?.text;
      const receiver = fn.childForFieldName('object');
      if (method === 'apply' || method === 'add') {
        const object = this.evalObject(receiver);
        if (method === 'apply' && object) return this.apply(object, this.evalValue(args[0]), 'data flow');
        const arg = method === 'add' ? this.evalObject(args[0]) : undefined;
        if (object?.t === 'sequence' && arg) {
          this.push(object, arg);
          return EMPTY;
        }
      }
    }
    // Constructing is a side effect worth keeping (the layer and its init sites exist even if unused)
    const object = this.evalObject(n);
    if (object?.t === 'input') return { pending: [], width: object.width };
    if (!object) {
      if (fn) this.evalValue(fn);
      for (const a of args) this.evalValue(a);
    }
    return EMPTY;
  }
}
