#!/usr/bin/env node
// Validates every SARIF dbsilo produces (examples/shop, each fixture case, the golden file) against the SARIF 2.1.0 schema and GitHub's ingestion needs.
//
// usage: node validate.js --dbsilo BIN --source REPO_ROOT --tools DIR [--tools DIR ...]
// Each --tools DIR is a candidate npm prefix made by scripts/setup.sh (node_modules/ajv,
// node_modules/ajv-formats, sarif-2.1.0.json); the first complete one is used.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

// GitHub code scanning limits the printer promises to stay within (see scanner/report/sarif_printer.cpp).
const MAX_RUNS = 20;
const MAX_RESULTS_PER_RUN = 5000;
const MAX_LOCATIONS_PER_RESULT = 100;
const MAX_TAGS_PER_RULE = 10;
const MAX_DOCUMENT_BYTES = 10000000;
const FINGERPRINT_KEY = 'dbsiloFingerprint/v1';

function parseArguments(argv) {
  const options = { tools: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`missing value after ${flag}`);
    if (flag === '--dbsilo') options.dbsilo = value;
    else if (flag === '--source') options.source = value;
    else if (flag === '--tools') options.tools.push(path.resolve(value));
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!options.dbsilo || !options.source || options.tools.length === 0) {
    throw new Error('usage: validate.js --dbsilo BIN --source REPO_ROOT --tools DIR [--tools DIR ...]');
  }
  return options;
}

function loadValidator(toolDirs) {
  const complete = (dir) =>
    ['node_modules/ajv/dist/2020.js', 'node_modules/ajv-formats', 'sarif-2.1.0.json'].every((part) => fs.existsSync(path.join(dir, part)));
  const dir = toolDirs.find(complete);
  if (!dir) {
    throw new Error(`SARIF validation tools not found in ${toolDirs.join(' or ')}: run scripts/setup.sh (it installs them)`);
  }
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'sarif-2.1.0.json'), 'utf8'));
  // The schema declares draft 2020-12, so the 2020 flavour of Ajv is the one that reads it right.
  if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') {
    throw new Error(`sarif-2.1.0.json declares ${schema.$schema}, not draft 2020-12: pick the matching Ajv class`);
  }
  const Ajv2020 = require(path.join(dir, 'node_modules/ajv/dist/2020')).default;
  const addFormats = require(path.join(dir, 'node_modules/ajv-formats')).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return { validate: ajv.compile(schema), dir };
}

function schemaErrors(validate, document) {
  if (validate(document)) return [];
  return validate.errors.slice(0, 20).map((error) => `schema: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
}

// Every artifactLocation anywhere in the document, with where it was found.
function artifactLocations(node, where, found = []) {
  if (Array.isArray(node)) node.forEach((item, i) => artifactLocations(item, `${where}/${i}`, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'artifactLocation') found.push({ where: `${where}/${key}`, location: value });
      artifactLocations(value, `${where}/${key}`, found);
    }
  }
  return found;
}

// What GitHub code scanning needs beyond the schema, and the limits it enforces.
function githubProblems(document, bytes) {
  const problems = [];
  if (bytes > MAX_DOCUMENT_BYTES) problems.push(`document is ${bytes} bytes, over ${MAX_DOCUMENT_BYTES}`);
  const runs = document.runs || [];
  if (runs.length === 0 || runs.length > MAX_RUNS) problems.push(`${runs.length} runs (want 1..${MAX_RUNS})`);
  runs.forEach((run, r) => {
    const driver = (run.tool && run.tool.driver) || {};
    const rules = driver.rules || [];
    // GitHub wants short and full descriptions and help on every descriptor, rules and notifications (GH2012).
    const descriptors = [...rules.map((d, i) => [`rule ${i} (${d.id})`, d]), ...(driver.notifications || []).map((d, i) => [`notification descriptor ${i} (${d.id})`, d])];
    for (const [name, descriptor] of descriptors) {
      for (const field of ['shortDescription', 'fullDescription', 'help']) {
        if (!descriptor[field] || !descriptor[field].text) problems.push(`${name} has no ${field}.text`);
      }
      const tags = (descriptor.properties && descriptor.properties.tags) || [];
      if (tags.length > MAX_TAGS_PER_RULE) problems.push(`${name} has ${tags.length} tags`);
    }
    const results = run.results;
    if (!Array.isArray(results)) problems.push(`run ${r} has no results array`);
    if ((results || []).length > MAX_RESULTS_PER_RUN) problems.push(`run ${r} has ${results.length} results`);
    const seen = new Set();
    (results || []).forEach((result, i) => {
      const name = `run ${r} result ${i}`;
      const fingerprint = result.partialFingerprints && result.partialFingerprints[FINGERPRINT_KEY];
      if (!fingerprint) problems.push(`${name} has no partialFingerprints.${FINGERPRINT_KEY}`);
      else if (seen.has(fingerprint)) problems.push(`${name} repeats fingerprint ${fingerprint}`);
      seen.add(fingerprint);
      if (/\b(line|:)\d+$/.test(fingerprint || '')) problems.push(`${name} fingerprint looks like it holds a line number`);
      const rule = rules[result.ruleIndex];
      if (!rule || rule.id !== result.ruleId) problems.push(`${name} ruleIndex ${result.ruleIndex} does not name rule ${result.ruleId}`);
      if (!Array.isArray(result.locations) || result.locations.length !== 1) problems.push(`${name} wants exactly one location`);
      const count = (result.locations || []).length + (result.relatedLocations || []).length;
      if (count > MAX_LOCATIONS_PER_RESULT) problems.push(`${name} has ${count} locations`);
      if (!['error', 'warning', 'note'].includes(result.level)) problems.push(`${name} level ${result.level}`);
    });
  });
  for (const { where, location } of artifactLocations(document, '')) {
    const uri = location.uri;
    if (typeof uri !== 'string' || uri === '') problems.push(`${where}: no uri`);
    else if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri) || uri.startsWith('/')) problems.push(`${where}: uri ${uri} is not relative`);
    else if (location.uriBaseId !== '%SRCROOT%') problems.push(`${where}: uriBaseId ${location.uriBaseId}, want %SRCROOT%`);
  }
  return problems;
}

function fixtureCases(source) {
  const fixtures = path.join(source, 'tests', 'fixtures');
  const dirs = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(dir, entry.name)).sort();
  const cases = [];
  for (const group of dirs(fixtures)) {
    // rules/<id>/<case>: one more level; other groups hold cases directly (as the fixture test reads them).
    if (path.basename(group) === 'rules') for (const rule of dirs(group)) cases.push(...dirs(rule));
    else cases.push(...dirs(group));
  }
  return cases;
}

function scan(options, root) {
  const relative = path.relative(options.source, root) || '.';
  const args = ['scan', relative, '--format', 'sarif', '--fail-on', 'never'];
  const argsFile = path.join(root, 'fixture.args');
  if (fs.existsSync(argsFile)) args.push(...fs.readFileSync(argsFile, 'utf8').split(/\s+/).filter(Boolean));
  const run = spawnSync(options.dbsilo, args, { cwd: options.source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { command: `dbsilo ${args.join(' ')}`, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function check(validate, name, text) {
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return [`not JSON: ${error.message}`];
  }
  return [...schemaErrors(validate, document), ...githubProblems(document, Buffer.byteLength(text))];
}

// The validator must be able to fail: a document it has to reject, and one it has to accept.
function selfCheck(validate) {
  const good = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dbsilo', rules: [{ id: 'r', shortDescription: { text: 's' }, fullDescription: { text: 'f' }, help: { text: 'h' } }] } },
        results: [
          {
            ruleId: 'r',
            ruleIndex: 0,
            level: 'error',
            message: { text: 'm' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'a.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }],
            partialFingerprints: { [FINGERPRINT_KEY]: 'abc' },
          },
        ],
      },
    ],
  };
  const failures = [];
  const goodProblems = check(validate, 'good', JSON.stringify(good));
  if (goodProblems.length) failures.push(`a valid document was rejected: ${goodProblems.join('; ')}`);
  // Each mutation must be caught by the check it targets: the schema itself, or the GitHub rules.
  const bySchema = (text) => schemaErrors(validate, JSON.parse(text));
  const byGithub = (text) => githubProblems(JSON.parse(text), Buffer.byteLength(text));
  const mutations = [
    ['level "fatal"', bySchema, (d) => { d.runs[0].results[0].level = 'fatal'; }],
    ['startLine 0', bySchema, (d) => { d.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; }],
    ['no driver name', bySchema, (d) => { delete d.runs[0].tool.driver.name; }],
    ['version 2.0.0', bySchema, (d) => { d.version = '2.0.0'; }],
    ['an unknown result property', bySchema, (d) => { d.runs[0].results[0].severity = 'high'; }],
    ['no partialFingerprints', byGithub, (d) => { delete d.runs[0].results[0].partialFingerprints; }],
    ['no help.text', byGithub, (d) => { delete d.runs[0].tool.driver.rules[0].help; }],
    ['a notification descriptor without help', byGithub, (d) => { d.runs[0].tool.driver.notifications = [{ id: 'n', shortDescription: { text: 's' }, fullDescription: { text: 'f' } }]; }],
    ['absolute uri', byGithub, (d) => { d.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'file:///etc/a.yml'; }],
    ['a wrong ruleIndex', byGithub, (d) => { d.runs[0].results[0].ruleIndex = 3; }],
  ];
  for (const [what, checker, mutate] of mutations) {
    const bad = JSON.parse(JSON.stringify(good));
    mutate(bad);
    if (checker(JSON.stringify(bad)).length === 0) failures.push(`an invalid document (${what}) was accepted`);
  }
  return failures;
}

function resultCount(text) {
  try {
    return JSON.parse(text).runs[0].results.length;
  } catch {
    return '?';
  }
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  options.dbsilo = path.resolve(options.dbsilo);
  options.source = path.resolve(options.source);
  const { validate, dir } = loadValidator(options.tools);
  console.log(`schema and validator from ${dir}`);
  let passed = 0;
  let failed = 0;
  const report = (name, problems) => {
    if (problems.length === 0) {
      ++passed;
      console.log(`ok   ${name}`);
    } else {
      ++failed;
      console.log(`FAIL ${name}\n${problems.map((problem) => `       ${problem}`).join('\n')}`);
    }
  };

  report('self-check: the validator rejects invalid SARIF and accepts valid SARIF', selfCheck(validate));
  for (const root of [path.join(options.source, 'examples', 'shop'), ...fixtureCases(options.source)]) {
    const first = scan(options, root);
    const name = path.relative(options.source, root);
    if (first.status !== 0) {
      report(name, [`${first.command} exited ${first.status}: ${first.stderr.trim()}`]);
      continue;
    }
    const problems = check(validate, name, first.stdout);
    // Same input, same bytes: a second run must print the identical document.
    if (scan(options, root).stdout !== first.stdout) problems.push('a second run printed different bytes');
    report(`${name} (${resultCount(first.stdout)} results)`, problems);
  }
  const golden = path.join(options.source, 'tests', 'golden', 'shop.sarif');
  if (fs.existsSync(golden)) report('tests/golden/shop.sarif', check(validate, 'golden', fs.readFileSync(golden, 'utf8')));

  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 1 ? 0 : 1);
}

try {
  main();
} catch (error) {
  console.error(`validate.js: ${error.message}`);
  process.exit(1);
}
