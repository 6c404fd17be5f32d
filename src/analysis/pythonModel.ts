import type { ParamValue } from '../core';
import type { Framework } from '../core';
import type { Layer } from './model';
import { EMPTY, ModuleFlow, type ModuleObject, type Sequence, type Value } from './moduleFlow';
import type { Node } from './parser';
import { qualify as qualifyWith, type ImportMap } from './pythonImports';
import { argument, callArguments, evalConstant, stringValue, type CallArguments } from './pythonLiteral';
import { ACTIVATION_METHODS, activationByName, activationFunction, constructorRole, isPassFunction, PASS_METHODS, RESHAPING } from './pythonVocabulary';
import { namedChildren, nodesAtMatches } from './syntax';

const HAS_CALL_OR_PLUS = /[(+]/;

/** Methods that frameworks call with each submodule. */
const INIT_FUNCTIONS = ['_init_weights', 'init_weights', 'weights_init', '_init_module'];

export interface Binding { object?: ModuleObject; value?: Value; constant?: ParamValue }

export class Scope {
  readonly names = new Map<string, Binding>();
  /** Set on the module scope while a top-level definition runs: what it looked up there (see `TopLevelRunner`). */
  reads?: Map<string, Binding | undefined>;
  constructor(readonly parent?: Scope, readonly self?: Map<string, ModuleObject>) {}

  lookup(name: string): Binding | undefined {
    const own = this.names.get(name);
    this.reads?.set(name, own);
    return own ?? this.parent?.lookup(name);
  }

  selfAttributes(): Map<string, ModuleObject> | undefined {
    return this.self ?? this.parent?.selfAttributes();
  }

  constant(name: string): ParamValue | undefined {
    return this.lookup(name)?.constant;
  }
}

/**
 * Runs the top level of a module (`run`), or puts back what it found the last time the same text
 * was analysed: what an incremental analysis does. First the module-level code (every statement
 * but the classes and functions, in order), then each class and function (`statement`, decorators
 * included); `module` is the module's scope.
 */
export interface TopLevelRunner {
  moduleCode(statements: Node[], module: Scope, run: () => void): void;
  definition(statement: Node, module: Scope, run: () => void): void;
}

const RUN_NOW: TopLevelRunner = { moduleCode: (_s, _m, run) => run(), definition: (_s, _m, run) => run() };

/** Told of every call expression and every layer the interpreter meets, with the scope it is in. */
export interface ModelListener {
  onCall(call: Node, scope: Scope, model: PythonModel): void;
  onLayer(layer: Layer, scope: Scope, model: PythonModel): void;
}

/**
 * A small abstract interpreter over a module's statements. It binds names and `self.*`
 * attributes to layers, folds containers in order, and follows tensors through
 * forward/__call__ so each layer learns the activation its output meets.
 */
export class PythonModel extends ModuleFlow {
  private readonly byCall = new Map<number, Layer>();
  /** Functions passed to `.apply(fn)`: their first parameter is every submodule. */
  private readonly applied = new Set<string>();

  constructor(readonly imports: ImportMap, private readonly listener: ModelListener) {
    super();
  }

  private onCall(call: Node, scope: Scope): void {
    this.listener.onCall(call, scope, this);
  }

  qualify(node: Node | null | undefined): string | undefined {
    return qualifyWith(node, this.imports);
  }

  constant(node: Node | null | undefined, scope: Scope): ParamValue | undefined {
    const constants = { get: (name: string) => scope.constant(name) } as ReadonlyMap<string, ParamValue>;
    return evalConstant(node, constants, (n) => this.qualify(n));
  }

  run(root: Node, runTopLevel = RUN_NOW): void {
    this.findAppliedFunctions(root);
    const module = new Scope();
    this.deeper(undefined, () => this.execStatements(root, module, runTopLevel));
  }

  /** The functions passed to `.apply(fn)`, in one string: every function's reading depends on it. */
  get appliedKey(): string {
    return [...this.applied].sort().join(' ');
  }

  private findAppliedFunctions(root: Node): void {
    for (const call of nodesAtMatches(root, /\.\s*apply\s*\(/g, ['call'])) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'apply') continue;
      const arg = callArguments(call).positional[0];
      const name = arg?.type === 'identifier' ? arg.text : arg?.type === 'attribute' ? arg.childForFieldName('attribute')?.text : undefined;
      if (name) this.applied.add(name);
    }
  }

  // Statements

  private execBlock(block: Node, scope: Scope): void {
    this.deeper(undefined, () => this.execStatements(block, scope));
  }

  private execStatements(block: Node, scope: Scope, runner = RUN_NOW): void {
    const deferred: [Node, Node][] = [];
    const code: Node[] = [];
    for (const stmt of namedChildren(block)) {
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (def?.type === 'function_definition' || def?.type === 'class_definition') deferred.push([stmt, def]);
      else code.push(stmt);
    }
    runner.moduleCode(code, scope, () => {
      for (const stmt of code) this.execStatement(stmt, scope);
    });
    // Bodies of defs run after the enclosing block has bound its names, as at call time
    for (const [stmt, def] of deferred) {
      runner.definition(stmt, scope, () => {
        if (def.type === 'class_definition') this.execClass(def, scope);
        else this.execFunction(def, new Scope(scope));
      });
    }
  }

  private execClass(cls: Node, outer: Scope): void {
    this.deeper(undefined, () => this.execClassBody(cls, outer));
  }

  private execClassBody(cls: Node, outer: Scope): void {
    const body = cls.childForFieldName('body');
    if (!body) return;
    const self = new Map<string, ModuleObject>();
    const classScope = new Scope(outer, self);
    const methods: Node[] = [];
    for (const stmt of namedChildren(body)) {
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (def?.type === 'function_definition') methods.push(def);
      else if (def?.type === 'class_definition') this.execClass(def, classScope);
      else this.execStatement(stmt, classScope);
    }
    // Constructors first: forward and the init methods read what they bind
    const isSetup = (m: Node) => ['__init__', 'setup', '__post_init__', 'build'].includes(m.childForFieldName('name')?.text ?? '');
    for (const m of [...methods.filter(isSetup), ...methods.filter((m) => !isSetup(m))]) {
      this.execFunction(m, new Scope(classScope));
    }
  }

  private execFunction(def: Node, scope: Scope): void {
    const name = def.childForFieldName('name')?.text ?? '';
    const params = def.childForFieldName('parameters');
    // The first parameter after self of an `.apply(fn)` target (or an HF-style `_init_weights`) is every submodule
    const takesModules = this.applied.has(name) || INIT_FUNCTIONS.includes(name);
    let index = 0;
    for (const p of params ? namedChildren(params) : []) {
      const pname = (p.type === 'identifier' ? p : p.childForFieldName('name') ?? namedChildren(p)[0])?.text;
      if (!pname || (index === 0 && (pname === 'self' || pname === 'cls'))) continue;
      // every parameter is bound, if only to nothing known: it hides a module-level name it shares
      let binding: Binding = index === 0 && takesModules ? { object: { t: 'modules' } } : {};
      if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
        const value = this.constant(p.childForFieldName('value'), scope);
        if (value !== undefined) binding = { constant: value };
      }
      scope.names.set(pname, binding);
      index++;
    }
    const body = def.childForFieldName('body');
    if (body) this.execBlock(body, scope);
  }

  private execStatement(stmt: Node, scope: Scope): void {
    switch (stmt.type) {
      case 'expression_statement':
        for (const child of namedChildren(stmt)) this.execExpressionStatement(child, scope, stmt);
        return;
      case 'return_statement': {
        const value = namedChildren(stmt)[0];
        if (value) for (const layer of this.evalValue(value, scope).pending) layer.output = true;
        return;
      }
      case 'if_statement':
        this.execIf(stmt, scope);
        return;
      case 'for_statement':
        this.execFor(stmt, scope);
        return;
      case 'while_statement':
      case 'with_statement':
      case 'try_statement':
      case 'else_clause':
      case 'finally_clause':
      case 'except_clause':
        for (const child of namedChildren(stmt)) {
          if (child.type === 'block') this.execBlock(child, scope);
          else if (child.type.endsWith('_clause') && child.type !== 'with_clause') this.execStatement(child, scope);
          else this.evalValue(child, scope);
        }
        return;
      case 'decorated_definition':
      case 'function_definition':
      case 'class_definition': {
        const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
        if (def?.type === 'class_definition') this.execClass(def, scope);
        else if (def) this.execFunction(def, new Scope(scope));
        return;
      }
      default:
        this.evalValue(stmt, scope);
    }
  }

  private execExpressionStatement(expr: Node, scope: Scope, stmt: Node): void {
    if (expr.type === 'assignment') {
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      if (left && right) this.assign(left, right, scope, stmt);
      return;
    }
    if (expr.type === 'augmented_assignment') {
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      const target = left ? this.evalObject(left, scope) : undefined;
      if (target?.t === 'sequence' && right) {
        const added = this.evalObject(right, scope);
        if (added?.t === 'sequence') for (const item of added.items) this.push(target, item);
        return;
      }
      if (right) for (const layer of this.evalValue(right, scope).pending) layer.residualEnd = true;
      return;
    }
    if (expr.type === 'call' && this.execContainerCall(expr, scope)) return;
    this.evalValue(expr, scope);
  }

  /** `layers.append(x)`, `layers.extend([...])`, `model.add(x)`, `self.add_module('n', x)`. */
  private execContainerCall(call: Node, scope: Scope): boolean {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return false;
    const method = fn.childForFieldName('attribute')?.text;
    const receiver = fn.childForFieldName('object');
    if (!receiver || !method || !['append', 'extend', 'add', 'insert', 'add_module'].includes(method)) return false;
    const args = callArguments(call);
    if (method === 'add_module' && receiver.text === 'self') {
      const name = args.positional[0] && stringValue(args.positional[0]);
      const object = args.positional[1] && this.evalObject(args.positional[1], scope);
      if (name && object) this.bindAttribute(`self.${name}`, object, scope);
      this.onCall(call, scope);
      return !!(name && object);
    }
    const target = this.evalObject(receiver, scope);
    if (target?.t !== 'sequence') return false;
    this.onCall(call, scope);
    const arg = method === 'insert' ? args.positional[1] : args.positional[0];
    const added = arg ? this.evalObject(arg, scope) : undefined;
    if (!added) return true;
    if (method === 'extend' && added.t === 'sequence') for (const item of added.items) this.push(target, item);
    else this.push(target, added);
    return true;
  }

  private assign(left: Node, right: Node, scope: Scope, stmt: Node): void {
    const object = this.evalObject(right, scope);
    if (object) {
      if (left.type === 'identifier') {
        scope.names.set(left.text, { object });
        this.addRef(object, left.text, stmt);
      } else if (left.type === 'attribute' && left.childForFieldName('object')?.text === 'self') {
        this.bindAttribute(left.text.replace(/\s+/g, ''), object, scope, stmt);
      }
      return;
    }
    const constant = this.constant(right, scope);
    if (left.type === 'identifier' && constant !== undefined) {
      scope.names.set(left.text, { constant });
      return;
    }
    const value = this.evalValue(right, scope);
    if (left.type === 'identifier') scope.names.set(left.text, { value });
  }

  private bindAttribute(ref: string, object: ModuleObject, scope: Scope, stmt?: Node): void {
    const attributes = scope.selfAttributes();
    // Outside a class (its header lost to a syntax error) `self.fc` cannot be read back: as a ref, an
    // init written through it would not count, and fix-all would add it again at every pass
    if (!attributes) return;
    attributes.set(ref, object);
    this.addRef(object, ref, stmt);
  }

  private addRef(object: ModuleObject, ref: string, stmt?: Node): void {
    if (object.t === 'layer' || (object.t === 'pass' && object.norm)) {
      const layer = object.t === 'layer' ? object.layer : object.norm!;
      if (!layer.refs.includes(ref)) layer.refs.push(ref);
      if (stmt && !layer.statement) layer.statement = stmt;
    } else if (object.t === 'sequence') {
      object.items.forEach((item, i) => this.addRef(item, `${ref}[${i}]`, stmt));
      for (const [name, item] of object.names) this.addRef(item, `${ref}.${name}`, stmt);
    }
  }

  private execIf(stmt: Node, scope: Scope): void {
    const condition = stmt.childForFieldName('condition');
    this.evalValue(condition, scope);
    const consequence = stmt.childForFieldName('consequence');
    if (consequence) this.execBlock(consequence, this.narrowed(condition, scope));
    for (const alt of stmt.childrenForFieldName('alternative')) {
      if (!alt) continue;
      const body = alt.childForFieldName('body') ?? alt.childForFieldName('consequence');
      if (body) this.execBlock(body, alt.type === 'elif_clause' ? this.narrowed(alt.childForFieldName('condition'), scope) : scope);
    }
  }

  /** Inside `if isinstance(m, (nn.Linear, nn.Conv2d))` / `type(m) == nn.Linear`, m is only those kinds. */
  private narrowed(condition: Node | null, scope: Scope): Scope {
    if (!condition) return scope;
    const tests = condition.type === 'boolean_operator' && condition.childForFieldName('operator')?.text === 'and'
      ? [condition.childForFieldName('left'), condition.childForFieldName('right')]
      : [condition];
    for (const test of tests) {
      const narrowing = test && this.typeTest(test);
      if (!narrowing) continue;
      const bound = scope.lookup(narrowing.name)?.object;
      if (bound?.t !== 'modules') continue;
      const inner = new Scope(scope);
      inner.names.set(narrowing.name, { object: { t: 'modules', kinds: narrowing.kinds } });
      return inner;
    }
    return scope;
  }

  private typeTest(test: Node): { name: string; kinds: string[] } | undefined {
    let subject: Node | undefined;
    let types: Node[] = [];
    if (test.type === 'call' && test.childForFieldName('function')?.text === 'isinstance') {
      const args = callArguments(test);
      subject = args.positional[0];
      const t = args.positional[1];
      types = t ? (t.type === 'tuple' || t.type === 'list' ? namedChildren(t) : [t]) : [];
    } else if (test.type === 'comparison_operator') {
      const [a, b] = namedChildren(test);
      if (a?.type === 'call' && a.childForFieldName('function')?.text === 'type') {
        subject = callArguments(a).positional[0];
        types = b ? [b] : [];
      }
    }
    if (subject?.type !== 'identifier' || types.length === 0) return undefined;
    const kinds = types.map((t) => this.qualify(t)?.split('.').pop() ?? t.text.split('.').pop()!);
    return { name: subject.text, kinds };
  }

  private execFor(stmt: Node, scope: Scope): void {
    const left = stmt.childForFieldName('left');
    const right = stmt.childForFieldName('right');
    const body = stmt.childForFieldName('body');
    const inner = new Scope(scope);
    if (left?.type === 'identifier' && right) {
      const over = this.evalObject(right, scope) ?? this.modulesCall(right);
      if (over?.t === 'sequence') inner.names.set(left.text, { object: { t: 'any', objects: [...over.items] } });
      else if (over?.t === 'modules') inner.names.set(left.text, { object: over });
    }
    if (right && !inner.names.size) this.evalValue(right, scope);
    // Loop bodies share the enclosing scope's bindings: `layers.append` inside a loop grows the outer list
    if (body) this.execBlock(body, inner.names.size ? inner : scope);
    const alternative = stmt.childForFieldName('alternative');
    if (alternative) this.execStatement(alternative, scope);
  }

  /** `self.modules()`, `model.children()`, `self.named_modules()` loops. */
  private modulesCall(node: Node): ModuleObject | undefined {
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    return method === 'modules' || method === 'children' ? { t: 'modules' } : undefined;
  }

  // Module objects

  /** The module object `node` denotes, or undefined when it is not one. */
  evalObject(node: Node | null | undefined, scope: Scope): ModuleObject | undefined {
    return node ? this.deeper(undefined, () => this.evalObjectAt(node, scope)) : undefined;
  }

  private evalObjectAt(node: Node, scope: Scope): ModuleObject | undefined {
    switch (node.type) {
      case 'identifier':
        return scope.lookup(node.text)?.object;
      case 'attribute': {
        const text = node.text.replace(/\s+/g, '');
        const attr = scope.selfAttributes()?.get(text);
        if (attr) return attr;
        const object = this.evalObject(node.childForFieldName('object'), scope);
        const name = node.childForFieldName('attribute')?.text;
        if (object?.t === 'sequence' && name) return object.names.get(name);
        const q = this.qualify(node);
        const act = q && activationFunction(q);
        return act ? { t: 'activation', name: act } : undefined;
      }
      case 'subscript': {
        const object = this.evalObject(node.childForFieldName('value'), scope);
        const index = this.constant(node.childForFieldName('subscript'), scope);
        if (object?.t !== 'sequence') return undefined;
        if (typeof index === 'number') return object.items[index < 0 ? object.items.length + index : index];
        if (typeof index === 'string') return object.names.get(index);
        return { t: 'any', objects: [...object.items] };
      }
      case 'list':
      case 'tuple': {
        const seq = this.sequence(false);
        for (const item of namedChildren(node)) this.pushFrom(seq, item, scope);
        return seq;
      }
      case 'list_comprehension':
      case 'generator_expression': {
        const body = node.childForFieldName('body');
        const item = this.evalObject(body, scope);
        return item ? { ...this.sequence(false), items: [item] } : undefined;
      }
      case 'parenthesized_expression':
        return this.evalObject(namedChildren(node)[0], scope);
      case 'call':
        return this.construct(node, scope);
      default:
        return undefined;
    }
  }

  /** Adds `item` to a list or a `*list` splat's items. */
  private pushFrom(seq: Sequence, item: Node, scope: Scope): void {
    if (item.type === 'list_splat') {
      const inner = this.evalObject(namedChildren(item)[0], scope);
      if (inner?.t === 'sequence') for (const x of inner.items) this.push(seq, x);
      return;
    }
    const object = this.evalObject(item, scope);
    this.push(seq, object ?? { t: 'any', objects: [] });
  }

  /** A constructor call: a layer, an activation module, a container. */
  private construct(call: Node, scope: Scope): ModuleObject | undefined {
    const fn = call.childForFieldName('function');
    const q = this.qualify(fn);
    if (!q) return undefined;
    if (q === 'collections.OrderedDict' || q === 'dict') return this.orderedDict(call, scope);
    const args = callArguments(call);
    if (q === 'keras.Input' || q === 'keras.layers.InputLayer') {
      const shape = this.constant(args.keywords.get('shape')?.value ?? args.keywords.get('input_shape')?.value ?? args.positional[0], scope);
      return { t: 'input', width: Array.isArray(shape) ? shape[shape.length - 1] : undefined };
    }
    if (q === 'keras.layers.Activation') {
      const name = argument(args, 0, 'activation');
      const act = name ? this.activationName(name, scope) : undefined;
      return act ? { t: 'activation', name: act } : { t: 'pass' };
    }
    const role = constructorRole(q);
    if (!role) return undefined;
    switch (role.role) {
      case 'activation': {
        // torch LeakyReLU(negative_slope), Keras 3 LeakyReLU(negative_slope), tf.keras 2 LeakyReLU(alpha)
        const slopeNode = argument(args, 0, 'negative_slope') ?? args.keywords.get('alpha')?.value;
        const slope = this.constant(slopeNode, scope);
        return { t: 'activation', name: role.name, slope: typeof slope === 'number' ? slope : role.defaultSlope };
      }
      case 'pass':
        return { t: 'pass', reshapes: role.reshapes };
      case 'norm':
        return { t: 'pass', norm: this.layer(call, role.framework, role.kind, false, true, scope) };
      case 'layer':
        return { t: 'layer', layer: this.layer(call, role.framework, role.kind, role.dense, false, scope) };
      case 'sequential': {
        // torch: Sequential(a, b, *layers) or Sequential(OrderedDict(...)); Keras/Flax: Sequential([a, b]) or a list variable
        const seq = this.sequence(true);
        const only = args.positional.length === 1 && !args.splat ? args.positional[0] : undefined;
        const container = only && (!q.startsWith('torch.') || only.type === 'call') ? this.evalObject(only, scope) : undefined;
        if (container?.t === 'sequence') {
          const names = new Map([...container.names].map(([name, item]) => [item, name]));
          for (const item of container.items) this.push(seq, item, names.get(item));
        } else {
          for (const item of namedChildren(args.list ?? call)) if (item.type !== 'keyword_argument') this.pushFrom(seq, item, scope);
        }
        return seq;
      }
      case 'moduleList': {
        const seq = this.sequence(false);
        const list = args.positional[0];
        const inner = list ? this.evalObject(list, scope) : undefined;
        if (inner?.t === 'sequence') {
          seq.items.push(...inner.items);
          for (const [k, v] of inner.names) seq.names.set(k, v);
        }
        return seq;
      }
    }
  }

  /** `OrderedDict([('fc1', nn.Linear(…)), ('act', nn.ReLU())])` and `{'fc1': …}` for ModuleDict. */
  private orderedDict(call: Node, scope: Scope): ModuleObject | undefined {
    const seq = this.sequence(false);
    const list = callArguments(call).positional[0];
    if (!list) return undefined;
    for (const pair of namedChildren(list)) {
      if (pair.type !== 'tuple') continue;
      const [key, value] = namedChildren(pair);
      const name = key && stringValue(key);
      const object = value && this.evalObject(value, scope);
      if (name && object) this.push(seq, object, name);
    }
    return seq;
  }

  private layer(call: Node, framework: Framework, kind: string, dense: boolean, norm: boolean, scope: Scope): Layer {
    const known = this.byCall.get(call.id);
    if (known) return known;
    const args = callArguments(call);
    const layer: Layer = {
      id: this.layers.length, framework, kind, dense, norm, call, refs: [], output: false, residualEnd: false, initArgs: {},
    };
    const kernelKey = framework === 'keras' ? 'kernel_initializer' : framework === 'jax' ? 'kernel_init' : undefined;
    const biasKey = framework === 'keras' ? 'bias_initializer' : framework === 'jax' ? 'bias_init' : undefined;
    if (kernelKey) layer.initArgs.kernel = args.keywords.get(kernelKey)?.node ?? (framework === 'keras' ? args.keywords.get('depthwise_initializer')?.node : undefined);
    if (biasKey) layer.initArgs.bias = args.keywords.get(biasKey)?.node;
    this.readWidths(layer, args, scope);
    if (framework === 'keras') {
      const act = args.keywords.get('activation')?.value;
      const name = act ? this.activationName(act, scope) : undefined;
      if (name) layer.activation = { name, via: 'activation argument' };
    }
    this.layers.push(layer);
    this.byCall.set(call.id, layer);
    this.listener.onLayer(layer, scope, this);
    return layer;
  }

  /** A Keras `activation=` value: a string, `None`, or a function reference. */
  private activationName(node: Node, scope: Scope): string | undefined {
    const value = this.constant(node, scope);
    if (typeof value === 'string') return activationByName(value);
    if (value === null) return undefined;
    const q = this.qualify(node);
    return q ? activationFunction(q) : undefined;
  }

  private readWidths(layer: Layer, args: CallArguments, scope: Scope): void {
    const int = (n: Node | undefined) => {
      const v = this.constant(n, scope);
      return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
    };
    const kernelSize = (n: Node | undefined, dims: number) => {
      const v = this.constant(n, scope);
      if (typeof v === 'number') return Array(dims).fill(v) as number[];
      return Array.isArray(v) && v.length === dims ? v : undefined;
    };
    const dimsOf = (kind: string) => Number(/(\d)[dD]/.exec(kind)?.[1] ?? 2);
    const k = layer.kind;
    if (layer.framework === 'torch') {
      if (k === 'Linear') {
        layer.fanIn = int(argument(args, 0, 'in_features'));
        layer.fanOut = layer.outputWidth = int(argument(args, 1, 'out_features'));
        if (layer.fanIn && layer.fanOut) layer.shape = [layer.fanOut, layer.fanIn];
      } else if (/^Conv/.test(k)) {
        const cin = int(argument(args, 0, 'in_channels'));
        const cout = int(argument(args, 1, 'out_channels'));
        layer.outputWidth = cout;
        const ks = kernelSize(argument(args, 2, 'kernel_size'), dimsOf(k));
        const groups = int(argument(args, 6, 'groups')) ?? 1;
        const receptive = ks?.reduce((a, b) => a * b, 1);
        if (cin && receptive) layer.fanIn = (cin / groups) * receptive;
        if (cout && receptive) layer.fanOut = k.includes('Transpose') ? undefined : (cout / groups) * receptive;
        if (cin && cout && ks) layer.shape = k.includes('Transpose') ? [cin, cout / groups, ...ks] : [cout, cin / groups, ...ks];
        if (layer.shape) {
          const [a, b, ...rest] = layer.shape;
          const r = rest.reduce((x, y) => x * y, 1);
          layer.fanIn = b * r;
          layer.fanOut = a * r;
        }
      } else if (/Norm/.test(k)) {
        const n = int(argument(args, 0, k === 'GroupNorm' ? 'num_channels' : 'num_features')) ?? int(argument(args, 0, 'normalized_shape'));
        if (n) layer.shape = [n];
      }
      return;
    }
    if (layer.framework === 'keras') {
      // a first layer may carry its input: Dense(64, input_shape=(32,)) or Dense(64, input_dim=32)
      const inputShape = this.constant(args.keywords.get('input_shape')?.value, scope);
      layer.inputWidth = Array.isArray(inputShape) ? inputShape[inputShape.length - 1] : int(args.keywords.get('input_dim')?.value);
      if (k === 'Dense') layer.outputWidth = int(argument(args, 0, 'units'));
      else if (/^Conv/.test(k)) {
        layer.outputWidth = int(argument(args, 0, 'filters'));
        layer.kernelSize = kernelSize(argument(args, 1, 'kernel_size'), dimsOf(k));
      }
      return;
    }
    if (k === 'Dense') layer.outputWidth = int(argument(args, 0, 'features'));
    else if (k === 'Conv') {
      layer.outputWidth = int(argument(args, 0, 'features'));
      const ks = this.constant(argument(args, 1, 'kernel_size'), scope);
      layer.kernelSize = Array.isArray(ks) ? ks : typeof ks === 'number' ? [ks] : undefined;
    } else if (k === 'Linear') {
      layer.fanIn = int(argument(args, 0, 'in_features'));
      layer.fanOut = layer.outputWidth = int(argument(args, 1, 'out_features'));
      if (layer.fanIn && layer.fanOut) layer.shape = [layer.fanIn, layer.fanOut];
    }
  }

  // Tensor flow

  /** Follows a tensor expression; evaluates every call inside it exactly once. */
  evalValue(node: Node | null | undefined, scope: Scope): Value {
    return node ? this.deeper(EMPTY, () => this.evalValueAt(node, scope)) : EMPTY;
  }

  private evalValueAt(node: Node, scope: Scope): Value {
    switch (node.type) {
      case 'identifier': {
        const binding = scope.lookup(node.text);
        if (binding?.object?.t === 'input') return { pending: [], width: binding.object.width };
        return binding?.value ?? EMPTY;
      }
      case 'parenthesized_expression':
        return this.evalValue(namedChildren(node)[0], scope);
      case 'call':
        return this.evalCall(node, scope);
      case 'binary_operator': {
        const left = this.evalValue(node.childForFieldName('left'), scope);
        const right = this.evalValue(node.childForFieldName('right'), scope);
        if (node.childForFieldName('operator')?.text === '+') {
          for (const layer of [...left.pending, ...right.pending]) layer.residualEnd = true;
        }
        return EMPTY;
      }
      case 'lambda':
      case 'function_definition':
      case 'class_definition':
        return EMPTY;
      default:
        // only calls and `+` (a residual) act here; a subtree with neither is not read (most of a forward's arithmetic and indexing)
        if (!HAS_CALL_OR_PLUS.test(node.text)) return EMPTY;
        for (const child of namedChildren(node)) this.evalValue(child, scope);
        return EMPTY;
    }
  }

  private evalCall(call: Node, scope: Scope): Value {
    const fn = call.childForFieldName('function');
    const args = callArguments(call);
    const input = () => this.evalValue(args.positional[0] ?? args.keywords.get('inputs')?.value ?? args.keywords.get('x')?.value, scope);
    if (!fn) return EMPTY;
    // nn.Dense(64)(x), layers.Activation('relu')(x)
    if (fn.type === 'call') {
      const object = this.construct(fn, scope);
      if (object) return this.apply(object, input(), object.t === 'activation' ? 'following layer' : 'data flow');
      this.evalValue(fn, scope);
      for (const a of namedChildren(args.list ?? call)) this.evalValue(a, scope);
      return EMPTY;
    }
    const q = this.qualify(fn);
    // F.relu(x), F.leaky_relu(x, 0.2), torch.tanh(x), nn.relu(x), jax.nn.gelu(x)
    const act = q ? activationFunction(q) : undefined;
    if (act) {
      const value = input();
      const slope = this.constant(argument(args, 1, 'negative_slope'), scope);
      this.onCall(call, scope);
      this.setActivation(value.pending, { name: act, slope: typeof slope === 'number' ? slope : undefined, via: 'data flow' });
      return { pending: [], width: value.width };
    }
    // self.fc(x), self.act(x), self.body(x), blk(x)
    const object = fn.type === 'identifier' || fn.type === 'attribute' || fn.type === 'subscript' ? this.evalObject(fn, scope) : undefined;
    if (object) {
      this.onCall(call, scope);
      return this.apply(object, input(), 'data flow');
    }
    if (q) {
      if (isPassFunction(q)) {
        this.onCall(call, scope);
        const value = input();
        for (const a of args.positional.slice(1)) this.evalValue(a, scope);
        return RESHAPING.test(q.slice(q.lastIndexOf('.') + 1)) ? { pending: value.pending } : value;
      }
      const constructed = this.construct(call, scope);
      if (constructed?.t === 'input') return { pending: [], width: constructed.width };
      if (constructed) return EMPTY;
    }
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const receiver = fn.childForFieldName('object');
      this.onCall(call, scope);
      const value = this.evalValue(receiver, scope);
      for (const a of namedChildren(args.list ?? call)) this.evalValue(a, scope);
      if (method in ACTIVATION_METHODS) {
        this.setActivation(value.pending, { name: ACTIVATION_METHODS[method], via: 'data flow' });
        return { pending: [], width: value.width };
      }
      if (!PASS_METHODS.has(method)) return EMPTY;
      return RESHAPING.test(method) ? { pending: value.pending } : value;
    }
    this.onCall(call, scope);
    for (const a of namedChildren(args.list ?? call)) this.evalValue(a, scope);
    return EMPTY;
  }
}
