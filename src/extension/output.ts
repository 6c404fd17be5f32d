import * as vscode from 'vscode';

/** The "InitLens" output channel: timings and internal errors, never an error dialog. */
export class Output implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('InitLens', { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  error(context: string, e: unknown): void {
    this.channel.error(`${context}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
