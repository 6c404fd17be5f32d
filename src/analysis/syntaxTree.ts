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

  /** A node's wrapper is not one per id: a map of every node read cost more than the reads it saved. */
  get rootNode(): Node {
    return new Node(this, this.raw.rootNode);
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

/**
 * Where a subtree of an older tree lies in a newer one, when the text it spans moved but did not
 * change (an incremental analysis reuses what it found there): its offsets and rows moved, its
 * columns did not. `root` is the node that stands for the subtree's root in the newer tree, so a
 * walk up past it continues in the newer tree.
 */
export interface Shift {
  index: number;
  row: number;
  rootId: number;
  root: Node;
}

/** A syntax node: tree-sitter's API, its type, text and end read from WASM at most once. */
export class Node {
  private typeMemo?: string;
  private textMemo?: string;
  private endIndexMemo?: number;
  private endPositionMemo?: Point;

  constructor(readonly tree: Tree, readonly raw: TS.Node, readonly shift?: Shift) {}

  get id(): number { return this.raw.id; }
  get type(): string { return (this.typeMemo ??= this.raw.type); }
  get text(): string { return (this.textMemo ??= this.raw.text); }
  get startIndex(): number { return this.raw.startIndex + (this.shift?.index ?? 0); }
  get startPosition(): Point { return this.moved(this.raw.startPosition); }
  get endIndex(): number { return (this.endIndexMemo ??= this.raw.endIndex + (this.shift?.index ?? 0)); }
  get endPosition(): Point { return (this.endPositionMemo ??= this.moved(this.raw.endPosition)); }
  get isNamed(): boolean { return this.raw.isNamed; }
  get isError(): boolean { return this.raw.isError; }
  get isMissing(): boolean { return this.raw.isMissing; }
  get hasError(): boolean { return this.raw.hasError; }

  get namedChildren(): Node[] {
    return this.wrapAll(this.raw.namedChildren);
  }

  get children(): Node[] {
    return this.wrapAll(this.raw.children);
  }

  get parent(): Node | null {
    const raw = this.raw.parent;
    if (raw && this.shift && raw.id === this.shift.rootId) return this.shift.root;
    return this.wrapOrNull(raw);
  }

  get firstChild(): Node | null { return this.children[0] ?? null; }
  get lastChild(): Node | null { return this.children[this.children.length - 1] ?? null; }
  get nextSibling(): Node | null { return this.wrapOrNull(this.raw.nextSibling); }

  childForFieldName(name: string): Node | null {
    return this.wrapOrNull(this.raw.childForFieldName(name));
  }

  childrenForFieldName(name: string): Node[] {
    return this.wrapAll(this.raw.childrenForFieldName(name));
  }

  /** Found natively: far cheaper than visiting every node from JS. */
  descendantsOfType(types: string | string[]): Node[] {
    return this.wrapAll(this.raw.descendantsOfType(types));
  }

  descendantForIndex(start: number, end = start): Node | null {
    const by = this.shift?.index ?? 0;
    return this.wrapOrNull(this.raw.descendantForIndex(start - by, end - by));
  }

  namedDescendantForIndex(start: number, end = start): Node | null {
    const by = this.shift?.index ?? 0;
    return this.wrapOrNull(this.raw.namedDescendantForIndex(start - by, end - by));
  }

  descendantForPosition(start: Point, end = start): Node | null {
    const back = (p: Point) => ({ row: p.row - (this.shift?.row ?? 0), column: p.column });
    return this.wrapOrNull(this.raw.descendantForPosition(back(start), back(end)));
  }

  walk(): Cursor {
    return new Cursor(this.raw.walk(), (raw) => this.wrap(raw));
  }

  /** This node (of an older tree) where `shift` puts it; a node already moved moves on from where it was. */
  moveTo(shift: Shift): Node {
    if (!this.shift && this.raw.id === shift.rootId) return shift.root;
    const by = this.shift;
    return new Node(this.tree, this.raw, by ? { ...shift, index: by.index + shift.index, row: by.row + shift.row, rootId: by.rootId } : shift);
  }

  toString(): string {
    return this.raw.toString();
  }

  private moved(p: Point): Point {
    return this.shift ? { row: p.row + this.shift.row, column: p.column } : p;
  }

  private wrap(raw: TS.Node): Node {
    return new Node(this.tree, raw, this.shift);
  }

  private wrapOrNull(raw: TS.Node | null | undefined): Node | null {
    return raw ? this.wrap(raw) : null;
  }

  private wrapAll(raws: readonly (TS.Node | null)[]): Node[] {
    const out: Node[] = [];
    for (const raw of raws) if (raw) out.push(this.wrap(raw));
    return out;
  }
}

/** A tree-sitter cursor whose nodes are the tree's memoizing ones. */
export class Cursor {
  constructor(private readonly raw: TS.TreeCursor, private readonly wrap: (raw: TS.Node) => Node) {}
  get currentNode(): Node { return this.wrap(this.raw.currentNode); }
  gotoFirstChild(): boolean { return this.raw.gotoFirstChild(); }
  gotoNextSibling(): boolean { return this.raw.gotoNextSibling(); }
  gotoParent(): boolean { return this.raw.gotoParent(); }
  /** A cursor holds WASM memory of its own. */
  delete(): void { this.raw.delete(); }
}
