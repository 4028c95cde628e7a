#!/usr/bin/env node
// Validates SARIF logs against the SARIF 2.1.0 JSON schema (the copy npm
// @microsoft/jest-sarif ships, pinned in package.json), with ajv.
//
//   node scripts/catalogue/validate_sarif.js LOG.sarif...
//
// Prints one line per log and `sarif: N passed, N failed`; exits 1 on any failure.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemaPath = path.join(__dirname, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas',
                             'sarif-2.1.0-rtm.5.json');
const ajv = new Ajv({schemaId: 'auto', allErrors: true, jsonPointers: true});
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  if (validate(log) && log.version === '2.1.0') {
    const results = log.runs.reduce((n, run) => n + run.results.length, 0);
    console.log(`${file}: valid SARIF 2.1.0 (${results} results)`);
    passed++;
  } else {
    console.log(`${file}: invalid SARIF`);
    for (const error of validate.errors || []) console.log(`  ${error.dataPath} ${error.message}`);
    failed++;
  }
}
console.log(`sarif: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
