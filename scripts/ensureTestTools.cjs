#!/usr/bin/env node
/**
 * The browser tests drive Debian's Chromium (playwright's own browser download cannot work on a
 * machine that reaches only the npm registry and Debian). Install it when it is missing and we can
 * (root with apt-get); otherwise say exactly what to do.
 */
"use strict";
const { existsSync } = require("node:fs");
const { spawnSync } = require("node:child_process");

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// Chinese fonts, so the screenshots the browser tests save show the pane's Chinese (optional)
const FONTS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const wantFonts = !existsSync(FONTS);
if (existsSync(path) && !wantFonts) process.exit(0);

const root = typeof process.getuid === "function" && process.getuid() === 0;
const apt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
if (existsSync(path)) {
  // only the fonts are missing: try, but never fail the tests over them
  if (root && apt) spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "fonts-noto-cjk"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  process.exit(0);
}
if (!root || !apt) {
  console.error(`Chromium is not at ${path}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
console.log("Installing Debian chromium for the browser tests (apt-get install -y chromium) …");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-noto-cjk"]]) {
  const r = spawnSync("apt-get", args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`apt-get ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(1);
  }
}
if (!existsSync(path)) {
  console.error(`apt-get installed chromium but ${path} is still missing.`);
  process.exit(1);
}
