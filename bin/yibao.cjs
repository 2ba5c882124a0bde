#!/usr/bin/env node
// The command line runs the compiled core (npm ci builds it through the "prepare" script).
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("yibao: the command line is not built yet; run `npm run build:cli` (npm ci does it for you).\n");
  process.exit(1);
}
// the same entry as `node dist/cli/main.js`: stdio, Ctrl-C (exit 130, no partial report), the exit code
require(main).main();
