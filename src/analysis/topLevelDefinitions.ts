import type { ParamValue } from '../core';
import type { Arg, GainCall, InitSite, Layer } from './model';
import type { ImportMap } from './pythonImports';
import type { InitSiteCollector, LateSite } from './pythonInitSites';
import type { ModuleObject, Value } from './moduleFlow';
import type { Binding, PythonModel, Scope, TopLevelRunner } from './pythonModel';
import type { Node } from './syntaxTree';

/** What some top-level code added to the model. */
interface Found {
  layers: Layer[];
  sites: InitSite[];
  gainCalls: GainCall[];
  late: LateSite[];
}

/** What one top-level class or function added to the model. */
export interface Definition extends Found {
  /** The top-level statement, decorators included. */
  statement: Node;
  /** The module-level names it looked up, each with what it was bound to (`bindingKey`). */
  reads: Map<string, string>;
}

/** What the module-level code added to the model, and the names it bound, before any definition ran. */
export interface ModuleCode extends Found {
  statements: Node[];
  names: Map<string, Binding>;
}

/** What an analysis keeps so the next one, after an edit, can take over the top-level code the edit did not touch. */
export interface Definitions {
  /** The imports and the `.apply(fn)` functions: all top-level code is read through them. */
  context: string;
  list: Definition[];
  /** Absent when a definition read (and may have changed) a layer or container it bound. */
  moduleCode?: ModuleCode;
  /** How many top-level definitions this analysis read (it took over the others), of `total`; whether it read the module-level code. */
  read: number;
  total: number;
  moduleCodeRead: boolean;
}

/**
 * A module-level binding as a definition sees it: unbound, a constant, or something it cannot
 * change (an activation, a model input, a tensor no layer's output reaches). A layer, a container
 * or a tensor a layer's output reaches has no key: the definition may have changed it (an
 * activation set, an item appended), so it must run again.
 */
function bindingKey(binding: Binding | undefined): string | undefined {
  if (!binding) return '';
  const { object, value } = binding;
  if (object) {
    switch (object.t) {
      case 'activation': return `activation:${object.name}:${object.slope}`;
      case 'input': return `input:${object.width}`;
      case 'modules': return `modules:${object.kinds}`;
      case 'pass': return object.norm ? undefined : `pass:${object.reshapes}`;
      default: return undefined;
    }
  }
  if (value) return value.pending.length ? undefined : `value:${value.width}`;
  return constantKey(binding.constant);
}

/**
 * `text` copied out of the source it was cut from. V8 keeps a substring of 13 characters or more as
 * a view of the whole string: a layer's ref taken over from edit to edit kept that edit's full
 * source alive (one more 0.4 MB copy at every keystroke in a 10,000-line file).
 */
function unshared(text: string): string {
  return text.length < 13 ? text : (` ${text}`).slice(1);
}

const unsharedValue = <T>(value: T): T => (typeof value === 'string' ? unshared(value) as T : value);

function constantKey(value: ParamValue | undefined): string {
  if (Array.isArray(value)) return `[${value.map(constantKey).join(',')}]`;
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value}:${Object.is(value, -0) ? '-0' : String(value)}`;
}

/**
 * Runs the top level of a Python module, or takes over what the previous analysis found in code
 * with the same text: its layers and init sites, their nodes moved to where the text now is.
 * (Not by tree-sitter's node ids: after an edit it builds most Python definitions anew, with new
 * ids, though their text is the same.)
 *
 * The module-level code is taken over when all of it is unchanged and no definition changed what
 * it bound. A definition reads nothing of the file but its own text, the imports, the
 * `.apply(fn)` functions and the module-level names it looks up, so with those unchanged it finds
 * the same again. Code with a syntax error, and a definition that read a module-level layer or
 * container (which it may have changed), always runs.
 */
export class TopLevelDefinitions {
  private readonly list: Definition[] = [];
  private moduleCode?: ModuleCode;
  /** A definition read a module-level binding it may have changed: the module code's names are not as it left them. */
  private moduleTouched = false;
  private read = 0;
  private total = 0;
  private moduleCodeRead = false;
  private byText?: Map<string, Definition[]>;

  constructor(
    private readonly model: PythonModel,
    private readonly collector: InitSiteCollector,
    private readonly imports: ImportMap,
    private previous?: Definitions,
  ) {}

  /** What the next analysis may take over. */
  kept(): Definitions {
    return {
      context: this.context(), list: this.list, moduleCode: this.moduleTouched ? undefined : this.moduleCode,
      read: this.read, total: this.total, moduleCodeRead: this.moduleCodeRead,
    };
  }

  /** Read once the model runs: it finds the `.apply(fn)` functions first. */
  private context(): string {
    return `${[...this.imports].join(';')}|${this.model.appliedKey}`;
  }

  /** The previous analysis, if what it found can be taken over at all. */
  private usable(): Definitions | undefined {
    if (this.previous && !this.byText) {
      if (this.previous.context === this.context()) this.byText = this.index(this.previous);
      else this.previous = undefined;
    }
    return this.previous;
  }

  readonly run: TopLevelRunner = {
    moduleCode: (statements, module, run) => {
      const old = this.usable()?.moduleCode;
      const same = old && old.statements.length === statements.length && statements.every((s, i) => !s.hasError
        && s.text === old.statements[i].text && s.startPosition.column === old.statements[i].startPosition.column);
      if (same) this.restoreModuleCode(old, statements, module);
      else this.recordModuleCode(statements, module, run);
    },
    definition: (statement, module, run) => {
      this.total++;
      const reused = this.reusable(statement, module);
      if (reused) this.restore(reused, statement);
      else this.record(statement, module, run);
    },
  };

  private reusable(statement: Node, module: Scope): Definition | undefined {
    if (!this.usable() || statement.hasError) return undefined;
    const candidates = this.byText!.get(statement.text);
    const i = candidates?.findIndex((d) => d.statement.startPosition.column === statement.startPosition.column
      && [...d.reads].every(([name, key]) => bindingKey(module.names.get(name)) === key)) ?? -1;
    return i < 0 ? undefined : candidates!.splice(i, 1)[0];
  }

  /** The previous definitions by text: any with the same text will do, wherever it now is. */
  private index(previous: Definitions): Map<string, Definition[]> {
    const byText = new Map<string, Definition[]>();
    for (const d of previous.list) {
      const same = byText.get(d.statement.text);
      if (same) same.push(d); else byText.set(d.statement.text, [d]);
    }
    return byText;
  }

  /** Runs `run` and returns what it added to the model (whether that can be kept is `keepable`'s call). */
  private found(run: () => void): Found {
    const { model, collector } = this;
    const start = { layers: model.layers.length, sites: collector.sites.length, gainCalls: collector.gainCalls.length, late: collector.late.length };
    run();
    return {
      layers: model.layers.slice(start.layers),
      sites: collector.sites.slice(start.sites),
      gainCalls: collector.gainCalls.slice(start.gainCalls),
      late: collector.late.slice(start.late),
    };
  }

  private recordModuleCode(statements: Node[], module: Scope, run: () => void): void {
    this.moduleCodeRead = true;
    const found = this.found(run);
    if (statements.some((s) => s.hasError) || !keepable(found)) return;
    this.moduleCode = { ...found, statements, names: new Map(module.names) };
  }

  private record(statement: Node, module: Scope, run: () => void): void {
    this.read++;
    const reads = new Map<string, Binding | undefined>();
    module.reads = reads;
    let found: Found;
    try {
      found = this.found(run);
    } finally {
      module.reads = undefined;
    }
    const keys = new Map<string, string>();
    for (const [name, binding] of reads) {
      const key = bindingKey(binding);
      if (key === undefined) {
        this.moduleTouched = true;
        return;
      }
      keys.set(unshared(name), key);
    }
    if (!statement.hasError && keepable(found)) this.list.push({ ...found, statement, reads: keys });
  }

  /** Adds a copy of what `old` found to the model, its nodes moved by `move`. */
  private restoreFound(old: Found, move: (node: Node) => Node): { found: Found; layers: Map<Layer, Layer> } {
    const { model, collector } = this;
    const moveOptional = (node: Node | undefined) => node && move(node);
    const layers = new Map<Layer, Layer>();
    for (const layer of old.layers) {
      const copy: Layer = {
        ...layer,
        id: model.layers.length,
        call: move(layer.call),
        statement: moveOptional(layer.statement),
        refs: [...layer.refs],
        initArgs: { kernel: moveOptional(layer.initArgs.kernel), bias: moveOptional(layer.initArgs.bias) },
      };
      layers.set(layer, copy);
      model.layers.push(copy);
    }
    const moveArg = (arg: Arg): Arg => ({ ...arg, node: move(arg.node), gainOf: arg.gainOf && { ...arg.gainOf, nameNode: move(arg.gainOf.nameNode) } });
    const sites = new Map<InitSite, InitSite>();
    const late = new Set(old.late.map((l) => l.site));
    for (const site of old.sites) {
      const args: Record<string, Arg> = {};
      for (const [name, arg] of Object.entries(site.args)) args[name] = moveArg(arg);
      const copy: InitSite = {
        ...site, node: move(site.node), expression: move(site.expression), tensorNode: moveOptional(site.tensorNode), args,
        targets: late.has(site) ? [] : site.targets.map((l) => layers.get(l)!),
      };
      sites.set(site, copy);
      collector.sites.push(copy);
    }
    const gainCalls = old.gainCalls.map((g) => ({ ...g, call: move(g.call), nameNode: move(g.nameNode) }));
    collector.gainCalls.push(...gainCalls);
    const lateSites = old.late.map((l) => ({ site: sites.get(l.site)!, object: l.object }));
    collector.late.push(...lateSites);
    return { found: { layers: [...layers.values()], sites: [...sites.values()], gainCalls, late: lateSites }, layers };
  }

  /** Takes over a definition: its nodes are moved as its statement moved. */
  private restore(old: Definition, statement: Node): void {
    const index = statement.startIndex - old.statement.startIndex;
    const row = statement.startPosition.row - old.statement.startPosition.row;
    const { found } = this.restoreFound(old, (node) => node.movedTo(statement.tree, index, row));
    this.list.push({ ...found, statement, reads: old.reads });
  }

  /** Takes over the module-level code: each node moves as the statement holding it moved; the names it bound are bound again, to copies. */
  private restoreModuleCode(old: ModuleCode, statements: Node[], module: Scope): void {
    const holding = (node: Node) => {
      let lo = 0;
      let hi = old.statements.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (old.statements[mid].startIndex <= node.startIndex) lo = mid; else hi = mid - 1;
      }
      return lo;
    };
    const move = (node: Node) => {
      const i = holding(node);
      const [from, to] = [old.statements[i], statements[i]];
      return node.movedTo(to.tree, to.startIndex - from.startIndex, to.startPosition.row - from.startPosition.row);
    };
    const { found, layers } = this.restoreFound(old, move);
    const names = copyBindings(old.names, layers);
    for (const [name, binding] of names) module.names.set(name, binding);
    this.moduleCode = { ...found, statements, names };
  }
}

/**
 * Whether what some code found can be taken over: its sites resolved as they ran target only its
 * own layers, and the late ones are over `self.modules()` alone (resolved again over all layers).
 * The strings it keeps are then copied out of the source (see `unshared`).
 */
function keepable(found: Found): boolean {
  const own = new Set(found.layers);
  const late = new Set(found.late.map((l) => l.site));
  if (!found.late.every((l) => l.object.t === 'modules')) return false;
  if (!found.sites.every((s) => late.has(s) || s.targets.every((l) => own.has(l)))) return false;
  for (const layer of found.layers) layer.refs = layer.refs.map(unshared);
  for (const site of found.sites) {
    site.tensor = site.tensor && unshared(site.tensor);
    site.deprecatedName = site.deprecatedName && unshared(site.deprecatedName);
    for (const arg of Object.values(site.args)) {
      arg.value = unsharedValue(arg.value);
      if (arg.gainOf) arg.gainOf.name = unshared(arg.gainOf.name);
    }
  }
  for (const call of found.gainCalls) call.name = unshared(call.name);
  return true;
}

/** Module-level bindings copied onto copied layers (and out of the source); containers shared between names stay shared. */
function copyBindings(names: Map<string, Binding>, layers: Map<Layer, Layer>): Map<string, Binding> {
  const copies = new Map<ModuleObject, ModuleObject>();
  const layer = (l: Layer) => {
    const copy = layers.get(l);
    if (!copy) throw new Error(`a module-level binding holds a layer the module-level code did not make: ${l.kind}`);
    return copy;
  };
  const value = (v: Value): Value => (v.pending.length ? { ...v, pending: v.pending.map(layer) } : v);
  const object = (o: ModuleObject): ModuleObject => {
    let copy = copies.get(o);
    if (copy) return copy;
    switch (o.t) {
      case 'layer': copy = { t: 'layer', layer: layer(o.layer) }; break;
      case 'pass': copy = o.norm ? { ...o, norm: layer(o.norm) } : o; break;
      case 'any': copy = { t: 'any', objects: [] }; break;
      case 'sequence': copy = { ...o, items: [], names: new Map(), tail: value(o.tail) }; break;
      default: copy = o;
    }
    copies.set(o, copy);
    if (o.t === 'any' && copy.t === 'any') copy.objects.push(...o.objects.map(object));
    if (o.t === 'sequence' && copy.t === 'sequence') {
      copy.items.push(...o.items.map(object));
      for (const [name, item] of o.names) copy.names.set(unshared(name), object(item));
    }
    return copy;
  };
  const out = new Map<string, Binding>();
  for (const [name, b] of names) {
    out.set(unshared(name), { object: b.object && object(b.object), value: b.value && value(b.value), constant: unsharedValue(b.constant) });
  }
  return out;
}
