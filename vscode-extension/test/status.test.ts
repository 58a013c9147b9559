// The status bar texts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { statusView } from '../src/status';

test('scanning spins', () => {
  assert.equal(statusView({ state: 'scanning', findings: 4, folders: 1 }).text, '$(sync~spin) dbsilo');
});

test('ready shows the finding count, singular and plural', () => {
  assert.equal(statusView({ state: 'ready', findings: 3, folders: 1 }).text, '$(database) dbsilo: 3');
  assert.match(statusView({ state: 'ready', findings: 3, folders: 1 }).tooltip, /3 findings/);
  assert.match(statusView({ state: 'ready', findings: 1, folders: 1 }).tooltip, /1 finding in/);
  assert.equal(statusView({ state: 'ready', findings: 0, folders: 1 }).text, '$(check) dbsilo');
});

test('no folder says so', () => {
  assert.match(statusView({ state: 'ready', findings: 0, folders: 0 }).tooltip, /no workspace folder/);
});
