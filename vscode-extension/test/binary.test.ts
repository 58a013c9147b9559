// findBinary: the setting first (absolute, relative, bare name), then PATH, and clear problems.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findBinary } from '../src/binary';

function scratch(): { dir: string; first: string; second: string; tool: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbsilo-ext-'));
  const first = path.join(dir, 'first');
  const second = path.join(dir, 'second');
  fs.mkdirSync(first);
  fs.mkdirSync(second);
  const tool = path.join(second, 'dbsilo');
  fs.writeFileSync(tool, '#!/bin/sh\n');
  fs.chmodSync(tool, 0o755);
  fs.writeFileSync(path.join(first, 'dbsilo'), 'not executable');  // must be skipped
  return { dir, first, second, tool };
}

test('empty setting: the first executable dbsilo on PATH', () => {
  const { first, second, tool } = scratch();
  assert.deepEqual(findBinary('', { PATH: [first, second].join(path.delimiter) }), { binary: tool });
});

test('nothing on PATH: a problem that names the setting', () => {
  const { first } = scratch();
  const lookup = findBinary('', { PATH: first });
  assert.equal(lookup.binary, undefined);
  assert.match(lookup.problem ?? '', /dbsilo\.path/);
});

test('the setting wins over PATH', () => {
  const { dir, first, tool } = scratch();
  const other = path.join(dir, 'custom-dbsilo');
  fs.copyFileSync(tool, other);
  fs.chmodSync(other, 0o755);
  assert.deepEqual(findBinary(other, { PATH: first }), { binary: other });
});

test('a relative setting is resolved against the workspace folder', () => {
  const { dir, tool } = scratch();
  assert.deepEqual(findBinary('second/dbsilo', { PATH: '' }, dir), { binary: tool });
});

test('a bare command name is looked up on PATH', () => {
  const { second, tool } = scratch();
  assert.deepEqual(findBinary('dbsilo', { PATH: second }), { binary: tool });
});

test('a setting that is not executable is a problem, not a silent fallback to PATH', () => {
  const { first, second } = scratch();
  const lookup = findBinary(path.join(first, 'dbsilo'), { PATH: second });
  assert.equal(lookup.binary, undefined);
  assert.match(lookup.problem ?? '', /is not an executable file/);
});

test('~ in the setting is the home folder', () => {
  const { dir, tool } = scratch();
  assert.deepEqual(findBinary('~/second/dbsilo', { PATH: '', HOME: dir }), { binary: tool });
});
