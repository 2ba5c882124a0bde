#!/usr/bin/env node
/**
 * npm start: serve the add-in over https on localhost:3000 (webpack-dev-server's own self-signed
 * certificate; office-addin-dev-certs cannot install a CA on every machine) and say how to load it.
 */
"use strict";
const { spawn } = require("node:child_process");

const lines = [
  "",
  "医保核算 Claims Calculator — development server: https://localhost:3000/taskpane.html",
  "",
  "Standalone (any browser, no Excel): open the address above and accept the self-signed certificate once;",
  "  then open a claims .xlsx or .csv file in the pane (samples/lanzhou-claims.csv works).",
  "",
  "Excel on the web: open a workbook → Home → Add-ins (加载项) → More add-ins → My add-ins →",
  "  Upload My Add-in (上传我的加载项) → choose manifest.xml from this folder.",
  "  Visit https://localhost:3000/taskpane.html in the same browser first so it trusts the certificate.",
  "Excel desktop (Windows): put manifest.xml in a shared folder, add that folder under File → Options → Trust Center →",
  "  Trusted Add-in Catalogs, restart Excel, then Insert → My Add-ins → Shared Folder.",
  "  (Windows or macOS with Node: `npx office-addin-debugging start manifest.xml desktop` sideloads directly.)",
  "Excel for Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/.",
  "",
  "Then type =YIBAO.REIMBURSE(A1:Z100) (Chinese Excel: =医保.报销金额(A1:Z100)), or open the pane from the Home tab.",
  "After changing a function: bump <Version> in manifest.xml and run `npm run lock:functions` (Excel caches functions.json for a day).",
  "",
];
console.log(lines.join("\n"));
const bin = require.resolve("webpack-cli/bin/cli.js");
const child = spawn(process.execPath, [bin, "serve", "--mode", "development"], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
