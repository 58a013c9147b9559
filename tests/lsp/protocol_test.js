#!/usr/bin/env node
// Drives the built `dbsilo lsp` over stdio with vscode-jsonrpc, the JSON-RPC library VS Code's
// client uses: open a file, get a cross-service diagnostic, edit it away and back, use the code
// actions, send malformed input, shut down.
// Usage: node protocol_test.js --dbsilo BINARY --modules DIR_WITH_NODE_MODULES --fixture DIR
'use strict';
const assert = require('node:assert/strict');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');

function argument(name) {
  const at = process.argv.indexOf(name);
  if (at < 0 || at + 1 >= process.argv.length) throw new Error(`missing ${name}`);
  return process.argv[at + 1];
}
const dbsilo = path.resolve(argument('--dbsilo'));
const modules = path.resolve(argument('--modules'));
const fixture = path.resolve(argument('--fixture'));
if (!fs.existsSync(path.join(modules, 'node_modules', 'vscode-jsonrpc'))) {
  console.error(`vscode-jsonrpc is not installed under ${modules}/node_modules: run scripts/setup.sh`);
  process.exit(1);
}
const rpc = createRequire(path.join(modules, 'package.json'))('vscode-jsonrpc/node');

const QUERIES = 'orders/src/main/java/shop/orders/OrderQueries.java';
const MIGRATION = 'users/src/main/resources/db/migration/V1__users.sql';

// A root with a space and a non-ASCII letter checks the URI encoding both ways.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dbsilo lsp \u00fc-'));
fs.cpSync(fixture, root, { recursive: true });
const uriOf = (relative) => 'file://' + path.join(root, relative).split('/').map(encodeURIComponent).join('/');

const failTimer = setTimeout(() => {
  console.error('FAIL: timed out');
  process.exit(1);
}, 90000);

async function main() {
  const server = childProcess.spawn(dbsilo, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  const loggedErrors = [];
  const logger = { error: (m) => loggedErrors.push(m), warn: () => {}, info: () => {}, log: () => {} };
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin), logger);

  const published = [];  // every publishDiagnostics, in order
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.push(params);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const serverRequests = [];
  connection.onRequest('client/registerCapability', (params) => { serverRequests.push(['client/registerCapability', params]); return null; });
  connection.onRequest('window/showDocument', (params) => { serverRequests.push(['window/showDocument', params]); return { success: true }; });
  connection.onNotification('window/logMessage', () => {});
  connection.onNotification('dbsilo/status', () => {});
  connection.listen();

  // Resolves with the next diagnostics published for `uri` (after `seen` publications).
  async function nextDiagnostics(uri) {
    const seen = published.length;
    for (;;) {
      const found = published.slice(seen).find((p) => p.uri === uri);
      if (found) return found.diagnostics;
      await new Promise((resolve) => waiters.push(resolve));
    }
  }

  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(''),
    workspaceFolders: [{ uri: uriOf('').replace(/\/$/, ''), name: 'fixture' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, window: { showDocument: { support: true } } },
  });
  assert.equal(init.capabilities.positionEncoding, 'utf-16');
  const uri = uriOf(QUERIES);
  const firstDiagnostics = nextDiagnostics(uri);
  await connection.sendNotification('initialized', {});
  const text = fs.readFileSync(path.join(root, QUERIES), 'utf8');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'java', version: 1, text } });

  // 1. The cross-service diagnostic, with the owner's side as related information.
  let diagnostics = await firstDiagnostics;
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.code, 'foreign-table-access');
  assert.equal(diagnostic.source, 'dbsilo');
  assert.match(diagnostic.codeDescription.href, /rules\/foreign-table-access\.md$/);
  assert.match(diagnostic.message, /orders reads users's table users/);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('FROM users'));
  // JS strings are UTF-16: indexOf is the LSP character of the SQL literal's opening quote.
  assert.deepEqual(diagnostic.range.start, { line, character: lines[line].indexOf('"SELECT') });
  assert.equal(diagnostic.relatedInformation.length, 1);
  assert.equal(diagnostic.relatedInformation[0].location.uri, uriOf(MIGRATION));
  assert.match(diagnostic.relatedInformation[0].message, /users owns users/);
  assert.equal(serverRequests[0][0], 'client/registerCapability');
  console.log('ok - cross-service diagnostic with related information');

  // 2. Edit the unsaved buffer so the query reads the service's own table: the diagnostic clears.
  const character = lines[line].indexOf('FROM users') + 5;
  let cleared = nextDiagnostics(uri);
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 5 } }, text: 'purchases' }],
  });
  assert.deepEqual(await cleared, []);
  console.log('ok - editing the buffer clears the diagnostic');

  // 3. A whole-text change brings it back.
  const restored = nextDiagnostics(uri);
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  diagnostics = await restored;
  assert.equal(diagnostics.length, 1);
  console.log('ok - restoring the text restores the diagnostic');

  // 4. Code actions: a suppression comment with a reason placeholder, and the rule's documentation.
  const actions = await connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics },
  });
  assert.equal(actions.length, 2);
  const edit = actions[0].edit.changes[uri][0];
  assert.match(edit.newText, /^\s+\/\/ dbsilo-ignore foreign-table-access: \S/);
  const doc = await connection.sendRequest('workspace/executeCommand', actions[1].command);
  assert.match(doc.markdown, /foreign-table-access/);
  assert.ok(serverRequests.some(([method, params]) => method === 'window/showDocument' && params.uri.endsWith('foreign-table-access.md')));
  cleared = nextDiagnostics(uri);
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: edit.range, text: edit.newText }] });
  assert.deepEqual(await cleared, []);
  console.log('ok - the suppression quick fix silences the finding; the doc command opens the rule page');

  // 5. Malformed input: the server answers with JSON-RPC errors and goes on.
  const raw = (body) => server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  raw('{"jsonrpc": "2.0", "id": 1, "method": ');        // truncated JSON
  raw('[1, 2, 3]');                                      // not an object
  server.stdin.write('Content-Length: nope\r\n\r\n');    // broken header
  server.stdin.write('X-Junk: 1\r\n\r\n');               // no Content-Length
  await assert.rejects(connection.sendRequest('textDocument/codeAction', { textDocument: 42 }), (error) => error.code === -32602);
  await assert.rejects(connection.sendRequest('textDocument/definition', {}), (error) => error.code === -32601);
  const stillWorking = await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [] } });
  assert.deepEqual(stillWorking, []);
  const idless = loggedErrors.filter((m) => m.startsWith('Received response message without id'));
  assert.equal(idless.length, 4, loggedErrors.join('\n'));
  assert.equal(idless.filter((m) => m.includes('-32700')).length, 3);  // bad JSON and two bad headers
  assert.equal(idless.filter((m) => m.includes('-32600')).length, 1);  // the array
  console.log('ok - malformed messages get JSON-RPC errors and the server goes on');

  // 6. Shutdown and exit: exit code 0.
  assert.equal(await connection.sendRequest('shutdown'), null);
  await connection.sendNotification('exit');
  assert.equal(await exited, 0);
  console.log('ok - shutdown and exit');
  connection.dispose();
}

main()
  .then(() => {
    clearTimeout(failTimer);
    fs.rmSync(root, { recursive: true, force: true });
    process.exit(0);
  })
  .catch((error) => {
    console.error('FAIL:', error);
    process.exit(1);
  });
