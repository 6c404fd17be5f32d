import type * as TS from '@vscode/tree-sitter-wasm';

export type Point = TS.Point;
export type Edit = TS.Edit;

/**
 * A tree-sitter tree read through memoizing nodes. Every read of a tree-sitter node's type, text
 * or end crosses into WASM, and the analysis reads them again and again: in a 10,000-line file,
 * 300,000 type reads of 57,000 nodes. Here a node asks once. Links to other nodes (fields,
 * children) are not memoized: that kept every node read alive for as long as any one was held
 * (23 MB instead of 7 for that file) and, measured, saved no time.
 */
export class Tree {
  constructor(readonly raw: TS.Tree) {}

  get rootNode(): Node {
    return this.wrap(this.raw.rootNode);
  }

  /** A node's wrapper. Not one per id: a map of every node read cost more than the reads it saved. */
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

  /** Moves the tree's positions for an edit; nodes read before it are stale. */
  edit(edit: Edit): void {
    this.raw.edit(edit);
  }

  delete(): void {
    this.raw.delete();
  }
}

/** A syntax node: tree-sitter's API, its type, text and end read from WASM at most once. */
export class Node {
  private typeMemo?: string;
  private textMemo?: string;
  private endIndexMemo?: number;
  private endPositionMemo?: Point;

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
    return this.tree.wrapAll(this.raw.namedChildren);
  }

  get children(): Node[] {
    return this.tree.wrapAll(this.raw.children);
  }

  get parent(): Node | null {
    return this.tree.wrapOrNull(this.raw.parent);
  }

  get firstChild(): Node | null { return this.children[0] ?? null; }
  get lastChild(): Node | null { return this.children[this.children.length - 1] ?? null; }
  get nextSibling(): Node | null { return this.tree.wrapOrNull(this.raw.nextSibling); }

  childForFieldName(name: string): Node | null {
    return this.tree.wrapOrNull(this.raw.childForFieldName(name));
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
