import * as vscode from 'vscode';
import { frameworkName, histogramSvg, PALETTES, type Distribution } from '../core';
import { fmt } from '../analysis/numberFormat';
import type { Config } from './config';
import type { DocumentStore } from './documentStore';
import { layerLabel, resolveTarget, targetAt } from './initTarget';

const num = (x: number) => (Number.isFinite(x) ? fmt(x) : '—');

/** Base64 that works in the Node and the web extension host alike (no Buffer in a web worker). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The resolved numbers as a markdown table. */
function numbers(d: Distribution): string {
  const bound = Number.isFinite(d.bounds[1]) ? `±${num(Math.max(Math.abs(d.bounds[0]), Math.abs(d.bounds[1])))}` : '—';
  const fans = d.fans;
  return [
    '| fan_in | fan_out | gain | mean | std | bound |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${fans ? fans.fanIn : '—'} | ${fans ? fans.fanOut : '—'} | ${fans ? num(fans.gain) : '—'} | ${num(d.mean)} | ${num(d.std)} | ${bound} |`,
  ].join('\n');
}

/** Hover on an initializer or a layer: scheme, formula, numbers for the known shape, quirk, histogram. */
export class InitHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: DocumentStore, private readonly config: () => Config) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): vscode.Hover | undefined {
    const snapshot = this.store.get(document, token);
    // the analysis may have taken a while: the cursor may have moved on
    if (token?.isCancellationRequested) return undefined;
    const p = snapshot?.toProgram(document, position);
    if (!snapshot || !p) return undefined;
    const target = targetAt(snapshot.analysis, p);
    if (!target) return undefined;
    const resolved = resolveTarget(snapshot.analysis, target);
    if (!resolved || token?.isCancellationRequested) return undefined;
    const layer = target.layer;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['initlens.previewDistribution'] };
    const what = target.kind === 'layer' && resolved.scheme.kind === 'layerDefault' ? `${resolved.scheme.name} default` : resolved.scheme.name;
    md.appendMarkdown(`**${what}** · ${frameworkName(resolved.framework)}`);
    if (layer) md.appendMarkdown(` · ${layerLabel(layer)}${layer.activation && layer.activation.name !== 'linear' ? ` → ${layer.activation.name}` : ''}`);
    md.appendMarkdown('\n\n');
    md.appendCodeblock(resolved.scheme.formula, 'text');
    const d = resolved.distribution;
    if (d) {
      if (resolved.shape) md.appendMarkdown(`shape \`[${resolved.shape.join(', ')}]\`\n\n`);
      md.appendMarkdown(`${numbers(d)}\n\n`);
      const { samples, seed } = this.config();
      const palette = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Light || vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrastLight ? PALETTES.light : PALETTES.dark;
      // the hover's histogram uses at most 20,000 samples: it is drawn on every hover
      const svg = histogramSvg(d, { samples: Math.min(samples, 20_000), seed, palette });
      if (token?.isCancellationRequested) return undefined;
      md.appendMarkdown(`![sampled weights and their density](data:image/svg+xml;base64,${base64(svg)})\n\n`);
    } else {
      md.appendMarkdown(`*No numbers: ${resolved.reason}.*\n\n`);
    }
    if (resolved.quirk) md.appendMarkdown(`⚠ ${resolved.quirk}.\n\n`);
    const args = encodeURIComponent(JSON.stringify([{ uri: document.uri.toString(), line: position.line, character: position.character }]));
    md.appendMarkdown(`[Preview distribution](command:initlens.previewDistribution?${args})`);
    return new vscode.Hover(md);
  }
}
