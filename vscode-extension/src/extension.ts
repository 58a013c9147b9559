// The VS Code extension: starts `dbsilo lsp`, shows the finding count, and offers a rescan.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { findBinary } from './binary';
import { notStartedView, ServerStatus, statusView } from './status';

// Server-side commands (see scanner/lsp/server.h); the extension's own commands have other names.
export const RESCAN_SERVER_COMMAND = 'dbsilo.server.rescan';
export const STATUS_NOTIFICATION = 'dbsilo/status';

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;
let output: vscode.LogOutputChannel | undefined;

export function serverOptionsFor(binary: string, extraArgs: readonly string[]): ServerOptions {
  // No `transport`: stdio is the default, and naming it would make the client append `--stdio`.
  return { command: binary, args: ['lsp', ...extraArgs] };
}

export function clientOptionsFor(channel: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    // Every file on disk: the server decides what it reads (configs, compose, SQL, Java, ...).
    documentSelector: [{ scheme: 'file' }],
    outputChannel: channel,
  };
}

function show(view: { text: string; tooltip: string }): void {
  if (!statusItem) return;
  statusItem.text = view.text;
  statusItem.tooltip = view.tooltip;
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration('dbsilo');
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const lookup = findBinary(config.get<string>('path', ''), process.env, workspaceFolder);
  if (!lookup.binary) {
    show(notStartedView);
    output?.appendLine(lookup.problem ?? 'dbsilo was not found.');
    void vscode.window.showErrorMessage(lookup.problem ?? 'dbsilo was not found.');
    return;
  }
  const args = config.get<string[]>('args', []);
  output?.appendLine(`Starting ${lookup.binary} ${['lsp', ...args].join(' ')}`);
  show(statusView({ state: 'scanning', findings: 0, folders: 1 }));
  // The id 'dbsilo' makes the client honour the `dbsilo.trace.server` setting by itself.
  client = new LanguageClient('dbsilo', 'dbsilo', serverOptionsFor(lookup.binary, args), clientOptionsFor(output!));
  client.onNotification(STATUS_NOTIFICATION, (status: ServerStatus) => show(statusView(status)));
  try {
    await client.start();
  } catch (error) {
    show(notStartedView);
    void vscode.window.showErrorMessage(`dbsilo lsp did not start: ${String(error)}`);
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

export async function rescan(): Promise<void> {
  if (!client) {
    await startClient();
    return;
  }
  show(statusView({ state: 'scanning', findings: 0, folders: 1 }));
  await client.sendRequest('workspace/executeCommand', { command: RESCAN_SERVER_COMMAND, arguments: [] });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('dbsilo', { log: true });
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  statusItem.command = 'dbsilo.rescan';
  statusItem.show();
  context.subscriptions.push(
    output,
    statusItem,
    vscode.commands.registerCommand('dbsilo.rescan', rescan),
    vscode.commands.registerCommand('dbsilo.showOutput', () => output?.show()),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // A new binary or new arguments need a new server process; the trace level does not.
      if (event.affectsConfiguration('dbsilo.path') || event.affectsConfiguration('dbsilo.args')) {
        await stopClient();
        await startClient();
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
