import type { Distribution, Framework, LayerSpec, Params } from './core';

/**
 * The messages between the extension and the preview webview, typed once for both sides.
 * Everything crossing is plain JSON; the webview validates it before use.
 */

/** One distribution to sample and plot, with the scheme that fits the activation beside it. */
export interface DistributionView {
  title: string;
  /** `torch.kaiming_normal_`, `keras.HeNormal`, … as the user wrote it. */
  scheme: string;
  framework: string;
  formula: string;
  distribution: Distribution;
  /** The activation after the layer, when known, and the scheme that fits it. */
  activation?: string;
  recommended?: { scheme: string; reason: string; distribution: Distribution };
  quirk?: string;
  /** What the code says, so the panel's controls can re-resolve with other arguments. */
  source?: { framework: Framework; scheme: string; params: Params; shape: number[]; slope?: number };
}

export interface SignalView {
  title: string;
  /** The stack the analysis found, in order; empty when the file has none with known widths. */
  layers: LayerSpec[];
  /** Source labels of the layers, in order (`self.fc1`, `Dense on line 12`). */
  labels: string[];
  /** The generic stack the panel offers beside (or, with no layers, instead of) the model's. */
  generic: GenericStack;
}

/** `depth` square layers of `width`, all with one init and one activation. */
export interface GenericStack {
  framework: Framework;
  scheme: string;
  params: Params;
  activation: string;
  depth: number;
  width: number;
}

export type ExtensionToWebview =
  | { type: 'showDistribution'; view: DistributionView; samples: number; seed: number }
  | { type: 'showSignal'; view: SignalView; samples: number; seed: number };

export type WebviewToExtension =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  /** A chart as PNG (base64, no data: prefix) or a table as CSV text, to save through the editor's dialog. */
  | { type: 'export'; format: 'png' | 'csv'; name: string; data: string };
