#!/usr/bin/env node
/**
 * npm test's set-up: the tools the test suite drives that npm cannot install.
 *   - Chromium, for the browser tests (playwright's own browser download cannot work on a machine
 *     that reaches only the npm registry and Debian): Debian's /usr/bin/chromium, or CHROMIUM_PATH.
 *   - xmllint (Debian libxml2-utils), which checks manifest.xml against Microsoft's manifest XSD
 *     (../shared/specs/office-addin-manifest-xsd) in test/manifest.test.ts.
 *   - Chinese fonts (optional: the screenshots the browser tests save show the pane's Chinese).
 * Whatever is missing is installed when we can (root with apt-get); otherwise this says exactly
 * what to do and fails.
 */
"use strict";
const { existsSync } = require("node:fs");
const { spawnSync } = require("node:child_process");

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FONTS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

const required = [];
if (!existsSync(chromium)) required.push({ pkg: "chromium", what: `Chromium at ${chromium}`, ok: () => existsSync(chromium) });
if (!has("xmllint")) required.push({ pkg: "libxml2-utils", what: "xmllint", ok: () => has("xmllint") });
const wantFonts = !existsSync(FONTS);
if (!required.length && !wantFonts) process.exit(0);

const root = typeof process.getuid === "function" && process.getuid() === 0;
const apt = has("apt-get");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
const install = (pkgs) => spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...pkgs], { stdio: "inherit", env }).status === 0;

if (!required.length) {
  // only the fonts are missing: try, but never fail the tests over them
  if (root && apt) install(["fonts-noto-cjk"]);
  process.exit(0);
}
if (!root || !apt) {
  for (const r of required) console.error(`${r.what} is missing. Install it (Debian: apt-get install -y ${r.pkg})${r.pkg === "chromium" ? " or set CHROMIUM_PATH" : ""}.`);
  process.exit(1);
}
const pkgs = [...required.map((r) => r.pkg), ...(wantFonts ? ["fonts-noto-cjk"] : [])];
console.log(`Installing Debian packages for the tests (apt-get install -y ${pkgs.join(" ")}) …`);
if (spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env }).status !== 0 || !install(pkgs)) {
  console.error(`apt-get could not install ${pkgs.join(" ")}.`);
  process.exit(1);
}
for (const r of required)
  if (!r.ok()) {
    console.error(`apt-get installed ${r.pkg} but ${r.what} is still missing.`);
    process.exit(1);
  }
