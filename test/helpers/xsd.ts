/**
 * Microsoft's add-in manifest XSD (the repaired copy in ../shared/specs/office-addin-manifest-xsd,
 * see its README), applied with xmllint (Debian libxml2-utils; npm test's set-up installs it).
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const XSD = join(__dirname, "../../../shared/specs/office-addin-manifest-xsd/OfficeAppManifestV1_1.xsd");

/** xmllint's verdict on a manifest against the XSD: null when valid, else its complaint. */
export function xsdProblems(file: string): string | null {
  if (!existsSync(XSD)) throw new Error(`${XSD} is missing: the specs live in ../shared/specs next to the repository`);
  const r = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
  if (r.error) throw new Error("xmllint is not installed: apt-get install -y libxml2-utils (npm test's set-up does it)");
  return r.status === 0 ? null : (r.stderr || r.stdout).trim();
}
