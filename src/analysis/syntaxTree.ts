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
  /** `text` is the text parsed, for the nodes moved into this tree (`Node.movedTo`). */
  constructor(readonly raw: TS.Tree, readonly text?: string) {}

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
  private hasErrorMemo?: boolean;
  /** Set for a node moved from an older tree (`movedTo`), whose tree-sitter node is found when needed. */
  private startIndexMoved?: number;
  private startPositionMoved?: Point;

  constructor(readonly tree: Tree, private rawMemo?: TS.Node) {}

  /** The tree-sitter node. A node moved from an older tree finds its own when first asked: one descent. */
  get raw(): TS.Node { return (this.rawMemo ??= this.find()); }
  get id(): number { return this.raw.id; }
  get type(): string { return (this.typeMemo ??= this.raw.type); }
  get text(): string {
    return (this.textMemo ??= this.startIndexMoved !== undefined && this.tree.text !== undefined ? this.tree.text.slice(this.startIndex, this.endIndex) : this.raw.text);
  }
  get startIndex(): number { return this.startIndexMoved ?? this.raw.startIndex; }
  get startPosition(): Point { return this.startPositionMoved ?? this.raw.startPosition; }
  get endIndex(): number { return (this.endIndexMemo ??= this.raw.endIndex); }
  get endPosition(): Point { return (this.endPositionMemo ??= this.raw.endPosition); }
  get hasError(): boolean { return (this.hasErrorMemo ??= this.raw.hasError); }
  get isNamed(): boolean { return this.raw.isNamed; }
  get isError(): boolean { return this.raw.isError; }
  get isMissing(): boolean { return this.raw.isMissing; }

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

  /**
   * This node, of an older tree, as a node of `tree`, which holds the same text `index` offsets and
   * `row` rows further on, in a statement with no syntax error: what an incremental analysis takes
   * over from the last one. Everything but the links to other nodes is known without reading the
   * tree, and the older tree is not kept alive.
   */
  movedTo(tree: Tree, index: number, row: number): Node {
    const moved = new Node(tree);
    moved.startIndexMoved = this.startIndex + index;
    moved.endIndexMemo = this.endIndex + index;
    // points are never changed in place, so a node that did not move shares its old ones
    const start = this.startPosition;
    const end = this.endPosition;
    moved.startPositionMoved = row ? { row: start.row + row, column: start.column } : start;
    moved.endPositionMemo = row ? { row: end.row + row, column: end.column } : end;
    moved.typeMemo = this.type;
    moved.hasErrorMemo = false;
    return moved;
  }

  /** The node of `tree` this moved node stands for: the smallest node over its range, or the nearest ancestor of its type with that range. */
  private find(): TS.Node {
    const { startIndex, endIndex, type } = this;
    let node: TS.Node | null = this.tree.raw.rootNode.descendantForIndex(startIndex, endIndex);
    while (node && !(node.startIndex === startIndex && node.endIndex === endIndex && node.type === type)) node = node.parent;
    if (!node) throw new Error(`no ${type} at ${startIndex}–${endIndex}: the text a node was moved to is not the text it was read from`);
    return node;
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
