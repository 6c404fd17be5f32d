import type { ParamValue } from '../core';
import type { Arg, GainCall, InitSite, Layer } from './model';
import type { ImportMap } from './pythonImports';
import type { InitSiteCollector, LateSite } from './pythonInitSites';
import type { Binding, PythonModel, Scope, TopLevelRunner } from './pythonModel';
import type { Node } from './syntaxTree';

/** What one top-level class or function added to the model. */
export interface Definition {
  /** The top-level statement, decorators included. */
  statement: Node;
  layers: Layer[];
  sites: InitSite[];
  gainCalls: GainCall[];
  late: LateSite[];
  /** The module-level names it looked up, each with the constant it was bound to (`bindingKey`). */
  reads: Map<string, string>;
}

/** What an analysis keeps so the next one, after an edit, can take over the definitions the edit did not touch. */
export interface Definitions {
  /** The imports and the `.apply(fn)` functions: every definition is read through them. */
  context: string;
  list: Definition[];
  /** How many top-level definitions this analysis read (it took over the others), of `total`. */
  read: number;
  total: number;
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
 * Runs the top-level definitions of a Python module, or takes over what the previous analysis found
 * in one with the same text: its layers and init sites, their nodes moved to where the text now is.
 * (Not by tree-sitter's node ids: after an edit it builds most Python definitions anew, with new
 * ids, though their text is the same.) A definition reads nothing
 * of the file but its own text, the imports, the `.apply(fn)` functions and the module-level names
 * it looks up, so with those unchanged it finds the same again. A definition with a syntax error,
 * or that read a module-level layer or tensor, always runs.
 */
export class TopLevelDefinitions {
  readonly list: Definition[] = [];
  private read = 0;
  private total = 0;
  private byText?: Map<string, Definition[]>;

  constructor(
    private readonly model: PythonModel,
    private readonly collector: InitSiteCollector,
    private readonly imports: ImportMap,
    private previous?: Definitions,
  ) {}

  /** What the next analysis may take over. */
  kept(): Definitions {
    return { context: this.context(), list: this.list, read: this.read, total: this.total };
  }

  /** Read once the model runs: it finds the `.apply(fn)` functions first. */
  private context(): string {
    return `${[...this.imports].join(';')}|${this.model.appliedKey}`;
  }

  readonly run: TopLevelRunner = (statement, module, run) => {
    this.total++;
    const reused = this.reusable(statement, module);
    if (reused) this.restore(reused, statement);
    else this.record(statement, module, run);
  };

  private reusable(statement: Node, module: Scope): Definition | undefined {
    if (!this.previous || statement.hasError) return undefined;
    if (!this.byText && this.previous.context !== this.context()) this.previous = undefined;
    if (!this.previous) return undefined;
    this.byText ??= this.index(this.previous);
    const candidates = this.byText.get(statement.text);
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

  private record(statement: Node, module: Scope, run: () => void): void {
    const { model, collector } = this;
    const start = { layers: model.layers.length, sites: collector.sites.length, gainCalls: collector.gainCalls.length, late: collector.late.length };
    this.read++;
    const reads = new Map<string, Binding | undefined>();
    module.reads = reads;
    try {
      run();
    } finally {
      module.reads = undefined;
    }
    if (statement.hasError) return;
    const keys = new Map<string, string>();
    for (const [name, binding] of reads) {
      const key = bindingKey(binding);
      if (key === undefined) return;
      keys.set(unshared(name), key);
    }
    const definition: Definition = {
      statement,
      layers: model.layers.slice(start.layers),
      sites: collector.sites.slice(start.sites),
      gainCalls: collector.gainCalls.slice(start.gainCalls),
      late: collector.late.slice(start.late),
      reads: keys,
    };
    // sites resolved as they ran must target only its own layers; the late ones, over `self.modules()`, are resolved again
    const own = new Set(definition.layers);
    const late = new Set(definition.late.map((l) => l.site));
    if (!definition.late.every((l) => l.object.t === 'modules')) return;
    if (!definition.sites.every((s) => late.has(s) || s.targets.every((l) => own.has(l)))) return;
    // the strings it keeps are kept from analysis to analysis: none may hold on to this source
    for (const layer of definition.layers) layer.refs = layer.refs.map(unshared);
    for (const site of definition.sites) {
      site.tensor = site.tensor && unshared(site.tensor);
      site.deprecatedName = site.deprecatedName && unshared(site.deprecatedName);
      for (const arg of Object.values(site.args)) {
        arg.value = unsharedValue(arg.value);
        if (arg.gainOf) arg.gainOf.name = unshared(arg.gainOf.name);
      }
    }
    for (const call of definition.gainCalls) call.name = unshared(call.name);
    this.list.push(definition);
  }

  /** Adds a copy of `old`'s layers and sites to the model, its nodes moved to where `statement` is. */
  private restore(old: Definition, statement: Node): void {
    const { model, collector } = this;
    const index = statement.startIndex - old.statement.startIndex;
    const row = statement.startPosition.row - old.statement.startPosition.row;
    const move = (node: Node) => node.movedTo(statement.tree, index, row);
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
    this.list.push({ statement, layers: [...layers.values()], sites: [...sites.values()], gainCalls, late: lateSites, reads: old.reads });
  }
}
