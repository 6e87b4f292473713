#!/usr/bin/env node
// The package's `bin`: runs the bundled CLI (built by `npm run build`, which `npm install` runs too).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('gateway-doctor: not built yet. Run "npm run build" in ' + path.dirname(__dirname) + ' first.\n');
  process.exit(1);
}
require(bundle);
