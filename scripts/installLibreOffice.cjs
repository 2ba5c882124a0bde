#!/usr/bin/env node
/**
 * Install LibreOffice Calc (headless) for the benchmark's baseline, on request only:
 *
 *   node scripts/installLibreOffice.cjs          says whether soffice is there and what it would run
 *   node scripts/installLibreOffice.cjs --yes    runs it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui)
 *
 * `npm run bench` never calls this: without soffice the LibreOffice lines are skipped with a line saying
 * so. Nothing is installed without --yes, and never under CI unless --yes is given there on purpose.
 */
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

function which(cmd) {
  for (const d of (process.env.PATH || "").split(":")) if (d && existsSync(join(d, cmd))) return join(d, cmd);
  return null;
}

const yes = process.argv.includes("--yes");
const soffice = which("soffice");
if (soffice) {
  const v = spawnSync(soffice, ["--version"], { encoding: "utf8" });
  console.log(`soffice is installed: ${soffice} ${(v.stdout || "").trim()}`);
  process.exit(0);
}

const apt = which("apt-get");
if (!apt) {
  console.log("soffice is not installed and this is not a Debian/Ubuntu system (no apt-get).");
  console.log("Install LibreOffice Calc from your system's packages (Fedora: dnf install libreoffice-calc; macOS: brew install --cask libreoffice), with soffice on PATH.");
  process.exit(2);
}

const root = typeof process.getuid === "function" && process.getuid() === 0;
const sudo = root ? [] : which("sudo") ? ["sudo"] : null;
if (sudo === null) {
  console.log("soffice is not installed; installing needs root, and sudo is not available. As root run:");
  console.log("  apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui");
  process.exit(2);
}
const steps = [
  [...sudo, "apt-get", "update"],
  [...sudo, "apt-get", "install", "-y", "--no-install-recommends", "libreoffice-calc-nogui"],
];
if (!yes) {
  console.log("soffice is not installed. To install LibreOffice Calc without a desktop (about 300 MB), this would run:");
  for (const s of steps) console.log(`  ${s.join(" ")}`);
  console.log("Run again with --yes to do it.");
  process.exit(process.env.CI ? 0 : 2);
}
for (const s of steps) {
  console.log(`$ ${s.join(" ")}`);
  const r = spawnSync(s[0], s.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status !== 0) {
    console.log(`failed (exit ${r.status}); nothing else was changed`);
    process.exit(1);
  }
}
console.log(which("soffice") ? "LibreOffice Calc is installed; npm run bench now includes its baseline." : "apt-get finished but soffice is still not on PATH.");
