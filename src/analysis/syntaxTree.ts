import type * as TS from '@vscode/tree-sitter-wasm';

export type Point = TS.Point;
export type Edit = TS.Edit;

/**
 * A tree-sitter tree read through memoizing nodes. Every read of a tree-sitter node (its type, its
 * end, a field) crosses into WASM and builds a fresh node object there, and the analysis reads the
 * same nodes many times: in a 10,000-line file, 300,000 type reads of 57,000 nodes and 38,000 reads
 * of 8,000 attribute names, over half the analysis time. Here a node asks WASM once per property
 * and per field.
 */
export class Tree {
  constructor(readonly raw: TS.Tree) {}

  /** A fresh wrapper each time: a kept root would keep every node read through it alive with the tree. */
  get rootNode(): Node {
    return this.wrap(this.raw.rootNode);
  }

  /**
   * A node's wrapper. Not one per id: a map of every node read cost more (its upkeep and the
   * garbage it keeps) than the reads it saved, as the analysis mostly holds on to the nodes it reuses.
   */
  wrap(raw: TS.Node): Node {
    return new Node(this, raw);
  }

  wrapOrNull(raw: TS.Node | null | undefined): Node | null {
    return raw ? this.wrap(raw) : null;
  }

  wrapAll(raws: readonly (TS.Node | null)[]): Node[] {
    const out: Node[] = [];
    for (const raw of raws) if (raw) out.push(this.wrap(raw));
    return out;
  }

  copy(): Tree {
    return new Tree(this.raw.copy());
  }

  /** Moves the tree's positions for an edit; nodes read before it are stale, so the memo starts over. */
  edit(edit: Edit): void {
    this.raw.edit(edit);
  }

  delete(): void {
    this.raw.delete();
  }
}

/** A syntax node: tree-sitter's API, each property read from WASM at most once. */
export class Node {
  private typeMemo?: string;
  private textMemo?: string;
  private endIndexMemo?: number;
  private endPositionMemo?: Point;
  /** Fields read so far, as name, node pairs: a node has a handful, and a Map each cost 200 bytes kept. */
  private fields?: (string | Node | null)[];
  private namedMemo?: Node[];
  private childrenMemo?: Node[];

  constructor(readonly tree: Tree, readonly raw: TS.Node) {}

  get id(): number { return this.raw.id; }
  get type(): string { return (this.typeMemo ??= this.raw.type); }
  get text(): string { return (this.textMemo ??= this.raw.text); }
  get startIndex(): number { return this.raw.startIndex; }
  get startPosition(): Point { return this.raw.startPosition; }
  get endIndex(): number { return (this.endIndexMemo ??= this.raw.endIndex); }
  get endPosition(): Point { return (this.endPositionMemo ??= this.raw.endPosition); }
  get isNamed(): boolean { return this.raw.isNamed; }
  get isError(): boolean { return this.raw.isError; }
  get isMissing(): boolean { return this.raw.isMissing; }
  get hasError(): boolean { return this.raw.hasError; }

  get namedChildren(): Node[] {
    return (this.namedMemo ??= this.tree.wrapAll(this.raw.namedChildren));
  }

  get children(): Node[] {
    return (this.childrenMemo ??= this.tree.wrapAll(this.raw.children));
  }

  /** Not kept: a link up would keep every node read in the file alive as long as any one node is held. */
  get parent(): Node | null {
    return this.tree.wrapOrNull(this.raw.parent);
  }

  get firstChild(): Node | null { return this.children[0] ?? null; }
  get lastChild(): Node | null { return this.children[this.children.length - 1] ?? null; }
  get nextSibling(): Node | null { return this.tree.wrapOrNull(this.raw.nextSibling); }

  childForFieldName(name: string): Node | null {
    const fields = (this.fields ??= []);
    for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1] as Node | null;
    const child = this.tree.wrapOrNull(this.raw.childForFieldName(name));
    fields.push(name, child);
    return child;
  }

  childrenForFieldName(name: string): Node[] {
    return this.tree.wrapAll(this.raw.childrenForFieldName(name));
  }

  /** Found natively: far cheaper than visiting every node from JS. */
  descendantsOfType(types: string | string[]): Node[] {
    return this.tree.wrapAll(this.raw.descendantsOfType(types));
  }

  descendantForIndex(start: number, end?: number): Node | null {
    return this.tree.wrapOrNull(this.raw.descendantForIndex(start, end));
  }

  namedDescendantForIndex(start: number, end?: number): Node | null {
    return this.tree.wrapOrNull(this.raw.namedDescendantForIndex(start, end));
  }

  descendantForPosition(start: Point, end?: Point): Node | null {
    return this.tree.wrapOrNull(this.raw.descendantForPosition(start, end));
  }

  walk(): Cursor {
    return new Cursor(this.tree, this.raw.walk());
  }

  equals(other: Node): boolean {
    return this.tree === other.tree && this.id === other.id;
  }

  toString(): string {
    return this.raw.toString();
  }
}

/** A tree-sitter cursor whose nodes are the tree's memoizing ones. */
export class Cursor {
  constructor(private readonly tree: Tree, private readonly raw: TS.TreeCursor) {}
  get currentNode(): Node { return this.tree.wrap(this.raw.currentNode); }
  gotoFirstChild(): boolean { return this.raw.gotoFirstChild(); }
  gotoNextSibling(): boolean { return this.raw.gotoNextSibling(); }
  gotoParent(): boolean { return this.raw.gotoParent(); }
  /** A cursor holds WASM memory of its own. */
  delete(): void { this.raw.delete(); }
}
