#!/usr/bin/env node
// The command line runs the compiled core (npm ci builds it through the "prepare" script).
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("yibao: the command line is not built yet; run `npm run build:cli` (npm ci does it for you).\n");
  process.exit(1);
}
const { run } = require(main);
run(process.argv.slice(2), { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") }).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`yibao: ${(e && e.stack) || String(e)}\n`);
    process.exit(1);
  },
);
