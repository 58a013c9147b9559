// activate() against a mocked vscode: the server command line, commands, status bar, restarts.
import './mocks';
import { beforeEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { recorded, resetRecordings } from './mocks';
import * as extension from '../src/extension';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

function fakeBinary(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbsilo-ext-'));
  const binary = path.join(dir, 'dbsilo');
  fs.writeFileSync(binary, '#!/bin/sh\n');
  fs.chmodSync(binary, 0o755);
  return binary;
}

const context = () => ({ subscriptions: [] as { dispose(): unknown }[] });

beforeEach(async () => {
  await extension.deactivate();
  resetRecordings();
});

test('starts `dbsilo lsp` with the configured binary and arguments', async () => {
  const binary = fakeBinary();
  recorded.settings.set('dbsilo.path', binary);
  recorded.settings.set('dbsilo.args', ['--profile', 'prod']);
  await extension.activate(context() as never);
  assert.equal(recorded.clients.length, 1);
  const client = recorded.clients[0];
  assert.equal(client.id, 'dbsilo');  // the id makes the client read dbsilo.trace.server
  assert.deepEqual(client.serverOptions, { command: binary, args: ['lsp', '--profile', 'prod'] });
  assert.deepEqual(client.clientOptions.documentSelector, [{ scheme: 'file' }]);
  assert.ok(client.started);
  assert.ok(recorded.statusItem.shown);
  assert.equal(recorded.statusItem.command, 'dbsilo.rescan');
});

test('the status bar follows dbsilo/status notifications', async () => {
  recorded.settings.set('dbsilo.path', fakeBinary());
  await extension.activate(context() as never);
  assert.equal(recorded.statusItem.text, '$(sync~spin) dbsilo');
  recorded.clients[0].notificationHandlers.get('dbsilo/status')!({ state: 'ready', findings: 2, folders: 1 });
  assert.equal(recorded.statusItem.text, '$(database) dbsilo: 2');
});

test('the rescan command asks the server, under the server command name', async () => {
  recorded.settings.set('dbsilo.path', fakeBinary());
  await extension.activate(context() as never);
  await recorded.commands.get('dbsilo.rescan')!();
  assert.deepEqual(recorded.clients[0].requests, [
    { method: 'workspace/executeCommand', params: { command: 'dbsilo.server.rescan', arguments: [] } },
  ]);
});

test('a missing binary is reported and no client starts', async () => {
  recorded.settings.set('dbsilo.path', '/nonexistent/dbsilo');
  await extension.activate(context() as never);
  assert.equal(recorded.clients.length, 0);
  assert.equal(recorded.errors.length, 1);
  assert.match(recorded.errors[0], /\/nonexistent\/dbsilo/);
  assert.equal(recorded.statusItem.text, '$(error) dbsilo');
});

test('a server that fails to start shows an error', async () => {
  recorded.settings.set('dbsilo.path', fakeBinary());
  recorded.startFails = true;
  await extension.activate(context() as never);
  assert.match(recorded.errors[0] ?? '', /did not start/);
  assert.equal(recorded.statusItem.text, '$(error) dbsilo');
});

test('changing dbsilo.path restarts the server; other settings do not', async () => {
  recorded.settings.set('dbsilo.path', fakeBinary());
  await extension.activate(context() as never);
  const listener = recorded.configurationListeners[0];
  await listener({ affectsConfiguration: (section: string) => section === 'dbsilo.trace.server' });
  assert.equal(recorded.clients.length, 1);
  const replacement = fakeBinary();
  recorded.settings.set('dbsilo.path', replacement);
  await listener({ affectsConfiguration: (section: string) => section === 'dbsilo.path' });
  assert.equal(recorded.clients.length, 2);
  assert.ok(recorded.clients[0].stopped);
  assert.equal(recorded.clients[1].serverOptions.command, replacement);
});

test('the manifest contributes what the code registers and reads', async () => {
  recorded.settings.set('dbsilo.path', fakeBinary());
  await extension.activate(context() as never);
  const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
  assert.deepEqual([...recorded.commands.keys()].sort(), contributed);
  assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), ['dbsilo.args', 'dbsilo.path', 'dbsilo.trace.server']);
  // No contributed command may take a server command's name: the client registers those itself.
  assert.ok(!contributed.some((name: string) => name.startsWith('dbsilo.server.')));
});

test('@types/vscode is pinned to the engine version (vsce refuses a newer one)', () => {
  const engine = manifest.engines.vscode.replace(/^\^/, '');
  assert.equal(manifest.devDependencies['@types/vscode'], engine);
  for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
    assert.match(String(version), /^\d+\.\d+\.\d+$/, `${name} is pinned to an exact version`);
  }
});
