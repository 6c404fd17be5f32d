import * as vscode from 'vscode';

/** How many of the latest lines `recent()` keeps. */
const KEEP = 1_000;

/** The "InitLens" output channel: timings and internal errors, never an error dialog. */
export class Output implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('InitLens', { log: true });
  /** The latest lines as written, for the integration tests (the channel's own text is not readable through the API). */
  private readonly lines: string[] = [];

  info(message: string): void {
    this.keep('info', message);
    this.channel.info(message);
  }

  error(context: string, e: unknown): void {
    const message = `${context}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    this.keep('error', message);
    this.channel.error(message);
  }

  /** The latest lines (up to 1,000), oldest first, each as `[level] message`. */
  recent(): readonly string[] {
    return [...this.lines];
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private keep(level: string, message: string): void {
    this.lines.push(`[${level}] ${message}`);
    if (this.lines.length > KEEP) this.lines.splice(0, this.lines.length - KEEP);
  }
}
