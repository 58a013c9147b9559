// A stand-in for the `vscode` module and vscode-languageclient's LanguageClient: VS Code itself
// cannot run here, so the extension's logic is checked against these recordings.
/* eslint-disable @typescript-eslint/no-explicit-any */
import Module = require('module');

export interface Recorded {
  settings: Map<string, unknown>;
  commands: Map<string, (...args: any[]) => any>;
  errors: string[];
  statusItem: { text: string; tooltip: string; command?: string; shown: boolean };
  clients: FakeLanguageClient[];
  configurationListeners: ((event: { affectsConfiguration(section: string): boolean }) => any)[];
  startFails: boolean;
}

export const recorded: Recorded = {
  settings: new Map(),
  commands: new Map(),
  errors: [],
  statusItem: { text: '', tooltip: '', shown: false },
  clients: [],
  configurationListeners: [],
  startFails: false,
};

export class FakeLanguageClient {
  readonly notificationHandlers = new Map<string, (params: any) => void>();
  readonly requests: { method: string; params: any }[] = [];
  started = false;
  stopped = false;
  constructor(readonly id: string, readonly name: string, readonly serverOptions: any, readonly clientOptions: any) {
    recorded.clients.push(this);
  }
  onNotification(method: string, handler: (params: any) => void) {
    this.notificationHandlers.set(method, handler);
    return { dispose() {} };
  }
  async start() {
    if (recorded.startFails) throw new Error('spawn failed');
    this.started = true;
  }
  async stop() {
    this.stopped = true;
  }
  async sendRequest(method: string, params: any) {
    this.requests.push({ method, params });
    return null;
  }
}

const disposable = { dispose() {} };

const vscodeMock = {
  StatusBarAlignment: { Left: 1, Right: 2 },
  window: {
    createOutputChannel: () => ({ appendLine() {}, info() {}, error() {}, show() {}, dispose() {} }),
    createStatusBarItem: () => {
      const item: any = recorded.statusItem;
      item.show = () => { item.shown = true; };
      item.dispose = () => {};
      return item;
    },
    showErrorMessage: async (message: string) => { recorded.errors.push(message); return undefined; },
  },
  workspace: {
    workspaceFolders: undefined,
    getConfiguration: (section: string) => ({
      get: <T>(key: string, fallback: T): T =>
        (recorded.settings.has(`${section}.${key}`) ? recorded.settings.get(`${section}.${key}`) : fallback) as T,
    }),
    onDidChangeConfiguration: (listener: any) => { recorded.configurationListeners.push(listener); return disposable; },
  },
  commands: {
    registerCommand: (name: string, callback: (...args: any[]) => any) => {
      if (recorded.commands.has(name)) throw new Error(`command '${name}' already exists`);
      recorded.commands.set(name, callback);
      return { dispose() { recorded.commands.delete(name); } };
    },
  },
};

const languageClientMock = { LanguageClient: FakeLanguageClient };

export function resetRecordings(): void {
  recorded.settings.clear();
  recorded.commands.clear();
  recorded.errors.length = 0;
  recorded.statusItem = { text: '', tooltip: '', shown: false };
  recorded.clients.length = 0;
  recorded.configurationListeners.length = 0;
  recorded.startFails = false;
}

// Route `require('vscode')` and the language client to the fakes; everything else loads as usual.
const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const originalLoad = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean) {
  if (request === 'vscode') return vscodeMock;
  if (request === 'vscode-languageclient/node') return languageClientMock;
  return originalLoad.call(this, request, parent, isMain);
};
