import type { FollowingActivation, Layer } from './model';
import { MAX_DEPTH } from './syntax';

/**
 * What an expression denotes as a module: a layer, an activation, a pass-through layer,
 * an ordered container, a model input, or a loop variable over `self.modules()` narrowed by isinstance.
 */
export type ModuleObject =
  | { t: 'layer'; layer: Layer }
  | { t: 'activation'; name: string; slope?: number }
  | { t: 'pass'; norm?: Layer; reshapes?: boolean }
  | { t: 'sequence'; items: ModuleObject[]; names: Map<string, ModuleObject>; ordered: boolean; tail: Value }
  | { t: 'any'; objects: ModuleObject[] }
  | { t: 'modules'; kinds?: string[] }
  | { t: 'input'; width?: number };

export type Sequence = Extract<ModuleObject, { t: 'sequence' }>;

/** A tensor flowing through the model: the layers whose output reaches it un-activated. */
export interface Value {
  pending: Layer[];
  /** Its last dimension, when known (Keras/Flax/TF.js layers take their input width from it). */
  width?: number;
}

export const EMPTY: Value = { pending: [] };

/** Whether `object` is or holds `target`, through containers and loop variables. */
function holds(object: ModuleObject, target: ModuleObject, seen?: Set<ModuleObject>): boolean {
  if (object === target) return true;
  if (object.t !== 'sequence' && object.t !== 'any') return false;
  if (seen?.has(object)) return false;
  const visited = (seen ??= new Set()).add(object);
  return (object.t === 'sequence' ? object.items : object.objects).some((o) => holds(o, target, visited));
}

/**
 * The language-neutral half of reading a model: layers applied to tensors in order, so each
 * layer learns the activation its output meets. The Python and TS/JS interpreters extend it.
 */
export class ModuleFlow {
  readonly layers: Layer[] = [];
  /** Nesting of the blocks and expressions being read, against MAX_DEPTH. */
  private depth = 0;

  /** `read()` one level deeper, or `skipped` past MAX_DEPTH: pathological nesting is not read, and never overflows the stack. */
  protected deeper<T>(skipped: T, read: () => T): T {
    if (this.depth >= MAX_DEPTH) return skipped;
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  sequence(ordered: boolean): Sequence {
    return { t: 'sequence', items: [], names: new Map(), ordered, tail: EMPTY };
  }

  /**
   * Appends to a container; an ordered one (Sequential) applies the item to what came before.
   * A container is never put inside itself (`l.append(l)`): every walk over it would never end.
   */
  push(seq: Sequence, item: ModuleObject, name?: string): void {
    if (holds(item, seq)) return;
    seq.items.push(item);
    if (name) seq.names.set(name, item);
    if (seq.ordered) seq.tail = this.apply(item, seq.tail, 'sequential order');
  }

  /** The first activation a layer's output meets is the one that counts. */
  setActivation(layers: Layer[], activation: FollowingActivation): void {
    for (const layer of layers) layer.activation ??= activation;
  }

  /**
   * A layer whose input width is not written (Keras/Flax/TF.js always, PyTorch when in_features is
   * not a constant) learns it from the tensor it is applied to: the two must match to run at all.
   */
  private setInputWidth(layer: Layer, width: number | undefined): void {
    if (!width || layer.fanIn || !layer.dense || !layer.outputWidth) return;
    const k = layer.kernelSize ?? (/conv/i.test(layer.kind) ? undefined : []);
    if (!k) return;
    const receptive = k.reduce((a, b) => a * b, 1);
    // PyTorch lays weights out [out, in, *k]; the others [*k, in, out]
    layer.shape = layer.framework === 'torch' ? [layer.outputWidth, width, ...k] : [...k, width, layer.outputWidth];
    layer.fanIn = receptive * width;
    layer.fanOut = receptive * layer.outputWidth;
  }

  /** Applies a module object to a tensor value. */
  apply(object: ModuleObject, input: Value, via: FollowingActivation['via']): Value {
    switch (object.t) {
      case 'layer': {
        const layer = object.layer;
        this.setActivation(input.pending, { name: 'linear', via: 'followed by a layer' });
        if (!layer.dense) return EMPTY;
        this.setInputWidth(layer, input.width ?? layer.inputWidth);
        return { pending: layer.activation ? [] : [layer], width: layer.outputWidth };
      }
      case 'activation':
        this.setActivation(input.pending, { name: object.name, slope: object.slope, via });
        return { pending: [], width: input.width };
      case 'pass':
        // Flatten/Reshape keep the un-activated layers but not the width
        return object.reshapes ? { pending: input.pending } : input;
      case 'sequence': {
        if (!object.ordered) return this.apply({ t: 'any', objects: object.items }, input, via);
        let value = input;
        for (const item of object.items) value = this.apply(item, value, via);
        return value;
      }
      case 'any': {
        const pending = new Set<Layer>();
        for (const o of object.objects) for (const l of this.apply(o, input, via).pending) pending.add(l);
        return { pending: [...pending] };
      }
      case 'modules':
        return EMPTY;
      case 'input':
        return { pending: [], width: object.width };
    }
  }
}
