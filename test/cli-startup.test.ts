/**
 * What a command's start-up does not do: `yibao settle` of a file never touches process.stdin (building
 * its stream, a pipe or a TTY handle, is ~15 ms of a start-up that only `--in -` needs), and `--in -`
 * still reads it; a CSV is settled without loading the .xlsx reader or fflate (~10 ms), which an .xlsx
 * still loads. Run on the built command line (dist/, as bin/yibao.cjs runs it), with a preload that
 * says on stderr when process.stdin is first asked for, and which modules were loaded.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeCases } from "./files/make";

const MAIN = join(__dirname, "..", "dist", "cli", "main.js");
const SAMPLE = join(__dirname, "..", "samples", "lanzhou-claims.csv");
const dir = mkdtempSync(join(tmpdir(), "yibao-startup-"));
const TRAP = join(dir, "trap.cjs");
writeFileSync(
  TRAP,
  `const d = Object.getOwnPropertyDescriptor(process, "stdin");
Object.defineProperty(process, "stdin", { configurable: true, enumerable: d.enumerable, get() { process.stderr.write("STDIN TOUCHED\\n"); Object.defineProperty(process, "stdin", d); return process.stdin; } });
if (process.env.YIBAO_LIST_MODULES) process.on("exit", () => process.stderr.write("MODULES " + JSON.stringify(Object.keys(require.cache)) + "\\n"));
`,
);

function yibao(args: string[], input?: Buffer, env?: Record<string, string>) {
  return spawnSync(process.execPath, ["--require", TRAP, MAIN, ...args], { input, encoding: "utf8", stdio: [input ? "pipe" : "ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
}

function modulesOf(r: ReturnType<typeof yibao>): string[] {
  const line = r.stderr.split("\n").find((l) => l.startsWith("MODULES "));
  return JSON.parse(line!.slice("MODULES ".length)) as string[];
}

describe("start-up of the command line", () => {
  it("settle of a file never touches process.stdin", () => {
    const r = yibao(["settle", "--in", SAMPLE, "--out", "-", "--quiet", "--lang", "en"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").length).toBe(34);
    expect(r.stderr).not.toContain("STDIN TOUCHED");
  });

  it("settle --in - reads stdin, with the same lines as from the file", () => {
    const fromFile = yibao(["settle", "--in", SAMPLE, "--format", "csv", "--out", "-", "--quiet"]);
    const r = yibao(["settle", "--in", "-", "--format", "csv", "--out", "-", "--quiet"], readFileSync(SAMPLE));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("STDIN TOUCHED");
    expect(fromFile.status).toBe(0);
    expect(r.stdout.split("\n").length).toBeGreaterThan(34);
    expect(r.stdout).toBe(fromFile.stdout);
  });

  it("settle and audit of a CSV load neither the .xlsx reader nor fflate; settle of an .xlsx, both", async () => {
    const cases = await makeCases();
    const csv = yibao(["settle", "--in", SAMPLE, "--out", "-", "--quiet"], undefined, { YIBAO_LIST_MODULES: "1" });
    expect(csv.status).toBe(0);
    const loaded = modulesOf(csv);
    expect(loaded.some((m) => m.endsWith(join("io", "delimited.js")))).toBe(true);
    for (const m of ["fflate", join("io", "zip.js"), join("io", "xlsxRead.js"), join("io", "xlsxStreamRead.js")]) expect(loaded.filter((x) => x.includes(m)), m).toEqual([]);
    // with a parameter table in CSV (the Shenyang example): neither either
    const withTable = yibao(["settle", "--in", SAMPLE, "--out", "-", "--quiet", "--params", join(__dirname, "..", "samples", "shenyang-base.EXAMPLE.csv")], undefined, { YIBAO_LIST_MODULES: "1" });
    expect(withTable.status).toBe(0);
    for (const m of ["fflate", join("io", "zip.js"), join("io", "xlsxRead.js")]) expect(modulesOf(withTable).filter((x) => x.includes(m)), `--params: ${m}`).toEqual([]);
    // the audit to a CSV report: neither either (its .xlsx writer is fflate's too)
    const audit = yibao(["audit", "--in", SAMPLE, "--out", join(dir, "audit.csv"), "--quiet"], undefined, { YIBAO_LIST_MODULES: "1" });
    expect(audit.status).toBe(0);
    for (const m of ["fflate", join("io", "zip.js"), join("io", "xlsxRead.js"), join("io", "xlsxStream.js")]) expect(modulesOf(audit).filter((x) => x.includes(m)), `audit: ${m}`).toEqual([]);
    const book = join(dir, "claims.xlsx");
    writeFileSync(book, cases.find((c) => c.name === "claims.xlsx")!.bytes);
    const xlsx = yibao(["settle", "--in", book, "--out", "-", "--quiet"], undefined, { YIBAO_LIST_MODULES: "1" });
    expect(xlsx.status).toBe(0);
    expect(xlsx.stdout.trim().split("\n").length).toBe(34);
    expect(modulesOf(xlsx).some((x) => x.includes(join("io", "xlsxStreamRead.js")))).toBe(true);
  });
});
