#!/usr/bin/env node
/**
 * npm start: serve the add-in over https on localhost:3000 and say how to load it. The certificate
 * is office-addin-dev-certs' when it is installed (~/.office-addin-dev-certs: Windows and macOS,
 * `npx office-addin-dev-certs install`), else webpack-dev-server's own self-signed one, which a
 * browser can be told to accept but Excel desktop's WebView2/WKWebView will not.
 */
"use strict";
const { spawn } = require("node:child_process");

const lines = [
  "",
  "医保核算 Claims Calculator — development server: https://localhost:3000/taskpane.html",
  "",
  "Certificate: Excel desktop needs a trusted one. On Windows or macOS run `npx office-addin-dev-certs install` once",
  "  (README: Deployment → development certificate); without it the server uses a self-signed certificate.",
  "",
  "Standalone (any browser, no Excel): open the address above (accept a self-signed certificate once);",
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
  "Then type =YIBAO.REIMBURSE(A1:Z100) (Chinese Excel: =YIBAO.报销金额(A1:Z100)), or open the pane from the Home tab.",
  "After changing a function: bump <Version> in manifest.xml and run `npm run lock:functions` (Excel caches functions.json for a day).",
  "",
];
console.log(lines.join("\n"));
const bin = require.resolve("webpack-cli/bin/cli.js");
const child = spawn(process.execPath, [bin, "serve", "--mode", "development"], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
