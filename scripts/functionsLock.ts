/**
 * Excel caches an add-in's functions.json for about a day and only fetches it again when the manifest's
 * <Version> changes. functions/metadata.lock.json records the version and a hash of the generated
 * metadata (functions.json and functions-zh-cn.json); test/addin-build.test.ts fails when the
 * metadata changed but the lock did not. After changing a function:
 *
 *   1. bump <Version> in manifest.xml (e.g. 1.0.0.0 → 1.0.1.0)
 *   2. npm run build && npm run lock:functions
 *
 * This script refuses to record new metadata under the version already recorded.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const root = join(__dirname, "..");
export const LOCK = join(root, "functions/metadata.lock.json");

/** The hash of the generated metadata, independent of key order and white space. */
export function metadataHash(buildDir = join(root, "build")): string {
  const h = createHash("sha256");
  for (const f of ["functions.json", "functions-zh-cn.json"]) h.update(canonical(JSON.parse(readFileSync(join(buildDir, f), "utf8"))) + "\n");
  return h.digest("hex");
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

export function manifestVersion(xml = readFileSync(join(root, "manifest.xml"), "utf8")): string {
  const m = /<Version>([^<]+)<\/Version>/.exec(xml);
  if (!m) throw new Error("manifest.xml has no <Version>");
  return m[1]!.trim();
}

export function readLock(): { version: string; sha256: string } {
  return JSON.parse(readFileSync(LOCK, "utf8"));
}

if (require.main === module) {
  const lock = readLock();
  const hash = metadataHash();
  const version = manifestVersion();
  if (hash === lock.sha256 && version === lock.version) console.log(`functions metadata unchanged (version ${version})`);
  else if (hash !== lock.sha256 && version === lock.version) {
    console.error(`The functions changed but manifest.xml still says <Version>${version}</Version>: bump it first (Excel would keep the old functions.json cached).`);
    process.exit(1);
  } else {
    writeFileSync(LOCK, JSON.stringify({ version, sha256: hash }, null, 2) + "\n");
    console.log(`recorded functions metadata ${hash.slice(0, 12)}… under version ${version}`);
  }
}
