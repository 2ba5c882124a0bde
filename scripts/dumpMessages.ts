/**
 * Every message the core says over a fixed set of inputs, in both languages, one per line: the
 * validator over samples/lanzhou-claims.csv, the reader's test files and generated bad rows; the
 * audit and its report tables; parameter tables, parameter files and the registry; the Liaoning
 * bounds and filing answers; the scenario inputs; the catalog searches and findings. Used to show
 * that moving the words into the catalogs changed no rendered text:
 *
 *   npx tsx scripts/dumpMessages.ts > before.txt   (on the old commit)
 *   npx tsx scripts/dumpMessages.ts > after.txt
 *   npx tsx scripts/dumpMessages.ts --compare before.txt after.txt
 *
 * The comparison counts the differences each fixed defect explains (EXPLAINED below: a rewrite
 * of the old text that must give the new text exactly) and lists every other difference.
 *
 * Each line is `path<TAB>text`: every string leaf of every answer, found by walking the answer, so a
 * message is dumped whatever shape holds it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../io/csv";
import { readClaims } from "../io/reader";
import { rowValidator, validateClaim } from "../src/claim/validate";
import { AuditRun, CLAIM_CHECKS, deadlineCheck } from "../src/audit/audit";
import { HYPOTHESES } from "../src/audit/hypotheses";
import type { Claim } from "../src/claim/claim";
import { resultTable, summaryTable } from "../src/audit/report";
import { builtinRegistry } from "../src/params/builtin";
import { loadParamFile } from "../src/params/load";
import { readParamTable, paramTable } from "../src/params/table";
import { parseDay } from "../src/dates";
import { checkLiaoningBounds, shenyangTerms } from "../src/policy/liaoningBounds";
import { longTermChangeAllowed, promisedMaterials, referralFilingCovers } from "../src/policy/filing";
import { readTyped } from "../src/scenario/input";
import { readWeights } from "../src/scenario/weights";
import { comparisonTable, compareBy, DIMENSIONS, prepareBatch, settleBatch } from "../src/scenario/compare";
import { searchCatalogs } from "../src/catalogs/search";
import { chronicCode, lookupChronic } from "../src/catalogs/national";
import { CONDITIONS, conditionProblem, conditionsMet, findingsNotes, findingsRefusal, ignoredFindingsNote, leafText, leavesOf } from "../src/catalogs/emergency";
import { parseFindings } from "../src/catalogs/findings";
import { searchReferral } from "../src/catalogs/referral";
import { materialKinds, missingMaterials } from "../src/catalogs/materials";
import { Engine } from "../src/engine/settle";
import { UNITS } from "../src/params/types";
import { makeCases } from "../test/files/make";

const lines: string[] = [];
const seen = new WeakSet<object>();

/** Every string leaf of a value, with its path. Numbers are left out (amounts are not messages). */
function walk(path: string, v: unknown): void {
  if (typeof v === "string") {
    lines.push(`${path}\t${v.replace(/\n/g, "\\n")}`);
    return;
  }
  if (typeof v !== "object" || v === null) return;
  if (ArrayBuffer.isView(v)) return;
  if (seen.has(v)) return;
  seen.add(v);
  if (v instanceof Map) {
    for (const [k, x] of v) walk(`${path}.${String(k)}`, x);
  } else if (v instanceof Set) {
    let i = 0;
    for (const x of v) walk(`${path}[${i++}]`, x);
  } else if (Array.isArray(v)) v.forEach((x, i) => walk(`${path}[${i}]`, x));
  else for (const k of Object.keys(v).sort()) walk(`${path}.${k}`, (v as Record<string, unknown>)[k]);
  seen.delete(v);
}

function attempt(path: string, f: () => unknown): void {
  try {
    walk(path, f());
  } catch (e) {
    const p = (e as { problem?: unknown }).problem;
    const errors = (e as { errors?: unknown }).errors;
    walk(`${path}!`, p ?? errors ?? String((e as Error).message));
  }
}

const ROOT = join(__dirname, "..");
const rows = parseCsv(readFileSync(join(ROOT, "samples/lanzhou-claims.csv"), "utf8").replace(/^\uFEFF/, ""));
const head = rows[0]!;
const data = rows.slice(1);

async function main() {
  // ── the validator over the sample, as records and as rows ──────────────────────────────
  const validate = rowValidator(head);
  data.forEach((r, i) => attempt(`sample.row${i + 2}`, () => validate(r, `row ${i + 2}`)));
  data.forEach((r, i) => attempt(`sample.record${i + 2}`, () => validateClaim(Object.fromEntries(head.map((h, j) => [h, r[j]])), `row ${i + 2}`)));

  // ── generated bad rows: each column given each bad value ─────────────────────────────
  const BAD: unknown[] = ["", "  ", "xx", "#N/A", "-1", "-0.5", "1e400", "12.345", "1,2,3", "2020-13-45", "0", "999", "320", "610100", "620100", "999999", "是否", "第3次", "1000000000000", "¥12.30元", { a: 1 }, [1, 2], true, Number.NaN, Infinity, new Date(Number.NaN), "620103195202045641", "李某乙", "x".repeat(300)];
  const base = data[0]!;
  head.forEach((h, j) => BAD.forEach((b, k) => attempt(`bad.${h}.${k}`, () => validate(base.map((v, jj) => (jj === j ? b : v)), "row 2"))));
  const rec = Object.fromEntries(head.map((h, j) => [h, base[j]]));
  const variants: [string, Record<string, unknown>][] = [
    ["employeeAdult", { ...rec, 人员类别: "成年" }],
    ["residentInService", { ...rec, 险种: "居民", 人员类别: "在职" }],
    ["partsExceed", { ...rec, 乙类费用: "20000", "自费/目录外": "1000" }],
    ["tcmExceed", { ...rec, 中医药费用: "20000" }],
    ["datesOrder", { ...rec, 出院日期: "2020-05-01" }],
    ["civilResident", { ...rec, 险种: "居民", 人员类别: "成年", 公务员级别: "正高" }],
    ["admissionMissing", { ...rec, 本年住院次数: "" }],
    ["dupColumns", { ...rec, 医疗费总额: "100" }],
    ["canonical", { id: "X1", insuredPlace: "lanzhou", scheme: "employee", personType: "in_service", careType: "inpatient", crossRegion: "local", settlement: "manual", hospitalLevel: "3A", admissionIndex: 1, total: "abc" }],
    ["english", { "claim id": "X2", "insured place": "x", scheme: "employee", "person type": "in_service", "care type": "inpatient", "cross-region kind": "local", "settlement kind": "manual", "hospital level": "3A", "admission index": 1, total: -5 }],
    ["wanyuan", { ...rec, "总费用（万元）": "1.234567", 总费用: undefined }],
    ["badUnit", { ...rec, "总费用（美元）": "12", 总费用: undefined }],
    ["codes", { ...rec, 险种: "320", 人员类别: "9999", 就医类型: "21", 参保地: "510100" }],
    ["identityShift", { ...rec, 参保地: "李某乙" }],
    ["empty", {}],
  ];
  for (const [name, r] of variants) attempt(`variant.${name}`, () => validateClaim(r, "row 9"));

  // ── the reader's test files, validated ──────────────────────────────────────────────
  for (const c of await makeCases()) {
    if (c.bytes.length > 5_000_000) continue;
    attempt(`file.${c.name}`, () => {
      const r = readClaims(c.bytes, { file: c.name });
      const t = r.table;
      if (!t) return r.records?.map((x) => (x.record ? validateClaim(x.record, x.label) : x.problem));
      const v = rowValidator(t.header);
      return t.rows.map((row) => row.problem ?? v(row.cells, row.label));
    });
  }

  // ── the audit and its tables ────────────────────────────────────────────────────────
  const engine = new Engine();
  const report = new AuditRun(head, data, { engine }).finish();
  attempt("audit.rows", () => report.rows.map((r) => ({ id: r.id, status: r.status, reasons: r.reasons, problems: r.problems, notCompared: r.notCompared, settledTwice: r.settledTwice })));
  attempt("audit.notes", () => report.notes);
  for (const lang of ["zh", "en"] as const) {
    attempt(`audit.results.${lang}`, () => resultTable(report, { lang, mask: true } as never));
    attempt(`audit.summary.${lang}`, () => summaryTable(report, { lang, mask: true } as never, "samples/lanzhou-claims.csv"));
  }
  // every known mistake's reason and every paperwork check, over the sample's claims and variants of them
  const claims: Claim[] = data.flatMap((r) => {
    const v = validate(r);
    return v.ok ? [v.claim] : [];
  });
  const more: Claim[] = claims.flatMap((c) => [
    { ...c, scheme: "resident", personType: "adult" },
    { ...c, crossRegion: "long_term", settlement: "direct", careType: "chronic", chronicDisease: "糖尿病" },
    { ...c, crossRegion: "long_term", settlement: "direct", careType: "two_disease", chronicDisease: "高血压" },
    { ...c, settlement: "manual", materials: "身份证", submissionDate: (c.dischargeDate ?? 0) + 400 },
    { ...c, insuredPlace: "shenyang", crossRegion: "referral", filingDate: (c.admissionDate ?? 0) - 400 },
  ] as Claim[]);
  [...claims, ...more].forEach((c, i) => {
    const r = engine.settle(c);
    for (const h of HYPOTHESES) attempt(`hypothesis.${i}.${h.id}`, () => (r.ok && h.applies(c, r) ? h.variants(c, r, engine).map((v) => v.reason) : null));
    CLAIM_CHECKS.forEach((check, j) => attempt(`check.${i}.${j}`, () => check(c, engine)));
    attempt(`deadline.${i}`, () => deadlineCheck(engine, c));
  });
  const bad = new AuditRun(head, head.map((_, j) => base.map((v, jj) => (jj === j ? "#N/A" : v))), { engine }).finish();
  attempt("audit.bad", () => bad.rows.map((r) => r.problems));

  // ── parameter tables, files and the registry ────────────────────────────────────────
  const reg = builtinRegistry();
  const H = ["参数", "键", "生效日期", "取值"];
  const tables: [string, unknown[][]][] = [
    ["empty", []],
    ["noColumns", [["x", "y"]]],
    ["noValue", [["参数", "键"]]],
    ["unknown", [H, ["nope.x", "", "", "1"]]],
    ["bandKey", [H, ["lanzhou.employee.inpatient.bands", "in_service@abc", "", "0.9"]]],
    ["scaleNoBand", [H, ["lanzhou.employee.inpatient.bands", "in_service", "", "0.9"]]],
    ["keyedNoKey", [H, ["lanzhou.employee.inpatient.threshold", "", "", "100"]]],
    ["keyedBadKey", [H, ["lanzhou.employee.inpatient.threshold", "9", "", "100"]]],
    ["unkeyedKey", [H, ["lanzhou.employee.inpatient.annualCap", "x", "", "100"]]],
    ["badDate", [H, ["lanzhou.employee.inpatient.annualCap", "", "2020-02-30", "100"]]],
    ["ok", [H, ["lanzhou.employee.inpatient.annualCap", "", "2020-01-01", "100"]]],
  ];
  for (const p of reg.all().slice(0, 400)) {
    for (const v of ["abc", "88", "0.88001", "-1", "1.5", "x y", "2.345"]) tables.push([`value.${p.id}.${v}`, [H, [p.id, p.keyedBy ? (p.kind === "scale" ? "" : "") : "", "", v]]]);
  }
  for (const [name, cells] of tables) attempt(`table.${name}`, () => readParamTable(reg, cells).problems);
  attempt("table.paramTable", () => paramTable(reg, "shenyang", parseDay("2021-06-01")!, "en").slice(0, 5));
  const ref = { doc: "L", section: "x", excerpt: "y" };
  const file = (p: Record<string, unknown>) => ({ set: "t", title: { zh: "测", en: "t" }, parameters: { "t.a": { label: { zh: "甲", en: "a" }, unit: "CNY", values: [{ from: "2020-01-01", value: "100", ref }], ...p } } });
  const files: [string, unknown][] = [
    ["notObject", 3],
    ["unknownKey", file({ scale: 2 })],
    ["unit", file({ unit: "RMB" })],
    ["ratio", file({ unit: "ratio", values: [{ from: "2020-01-01", value: "88", ref }] })],
    ["dates", file({ values: [{ from: "2021-01-01", value: "1", ref }, { from: "2020-01-01", value: "2", ref }] })],
    ["switch", file({ unit: "switch", choices: { a: { zh: "甲", en: "a" } }, values: [{ from: "2020-01-01", value: "b", ref }] })],
  ];
  for (const u of UNITS) files.push([`unit.${u}`, file({ unit: u, ...(u === "switch" ? { choices: { a: { zh: "甲", en: "a" } } } : {}), values: [{ from: "2020-01-01", value: "zz", ref }] })]);
  for (const [name, f] of files) attempt(`file.${name}`, () => loadParamFile(f, "f"));
  for (const p of reg.all()) {
    attempt(`registry.early.${p.id}`, () => reg.version(p.id, parseDay("1990-01-01")!));
    attempt(`registry.now.${p.id}`, () => reg.version(p.id, parseDay("2024-06-01")!).missing);
    if (p.keyedBy) attempt(`registry.keyed.${p.id}`, () => reg.keyed(p.id, parseDay("2024-06-01")!, "3S"));
  }

  // ── policy ──────────────────────────────────────────────────────────────────────────
  for (const day of ["2021-06-01", "2023-06-01"]) {
    const terms = shenyangTerms(reg, parseDay(day)!);
    attempt(`bounds.${day}`, () => checkLiaoningBounds(terms));
    const edited = { ...terms, groups: terms.groups.map((g) => ({ ...g, local: { threshold: { ...g.local.threshold, "1": 10_000 }, ratio: { ...g.local.ratio, "2": 9900 } }, categories: Object.fromEntries(Object.entries(g.categories).map(([k, c]) => [k, { ...c, threshold: { ...c.threshold, "1": 999_999, "3A": null }, ratio: { ...c.ratio, "2": 100, "3B": null } }])) })) };
    attempt(`bounds.edited.${day}`, () => checkLiaoningBounds(edited));
  }
  const d = (s: string) => parseDay(s)!;
  for (const [a, b] of [["2023-01-10", "2023-03-01"], ["2023-01-10", "2023-01-01"], ["2023-01-10", "2023-09-01"]]) {
    attempt(`filing.referral.${a}.${b}`, () => referralFilingCovers(d(a!), d(b!)));
    attempt(`filing.longTerm.${a}.${b}`, () => longTermChangeAllowed(d(a!), d(b!)));
    attempt(`filing.promise.${a}.${b}`, () => promisedMaterials(d(a!), d(b!), d(b!)));
    attempt(`filing.promiseNone.${a}.${b}`, () => promisedMaterials(d(a!), undefined, d(b!)));
  }

  // ── scenario ────────────────────────────────────────────────────────────────────────
  for (const u of UNITS) for (const t of ["", "0,83", "83", "0.83", "-1", "abc", "1.23456", "5%", "2.5倍", "1e9", "5年", "12.345", "1,400.50", "-5%", "101%"]) attempt(`typed.${u}.${t}`, () => readTyped(u, t));
  const wRows = data.map((r, i) => [...r, ["1", "-1", "abc", "", "0.1234567"][i % 5]]);
  attempt("weights", () => readWeights([...head, "权重"], wRows, Int32Array.from(data.map((_, i) => i)), "权重", (i) => `row ${i + 2}`));
  attempt("weightsMissing", () => readWeights(head, data, Int32Array.from(data.map((_, i) => i)), "权重", (i) => `row ${i + 2}`));
  const batch = prepareBatch(head, data);
  const res = settleBatch(engine, batch);
  for (const dim of DIMENSIONS) for (const lang of ["zh", "en"] as const) attempt(`compare.${dim}.${lang}`, () => comparisonTable(compareBy(batch, res, res, dim), lang));

  // ── catalogs ────────────────────────────────────────────────────────────────────────
  const queries = ["休克", "心梗", "M03900", "心内科", "糖尿病", "高血压", "恶性肿瘤", "肾透析", "尿毒症", "器官移植", "苯丙酮尿症", "再生障碍性贫血", "脑梗", "shock", "diabetes", "12", "xx", "", "冠心病", "精神病", "结核", "血友病", "系统性红斑狼疮", "帕金森", "乳腺癌", "肺癌", "白血病", "慢性肾衰竭", "肝硬化", "类风湿", "癫痫", "哮喘", "慢阻肺"];
  for (const q of queries) {
    attempt(`search.${q}`, () => searchCatalogs(q));
    attempt(`code.${q}`, () => chronicCode(q));
    for (const s of ["employee", "resident"] as const) attempt(`chronic.${s}.${q}`, () => lookupChronic(s, q));
    attempt(`condition.${q}`, () => conditionProblem(q));
    attempt(`referral.${q}`, () => searchReferral(q, "心内科"));
    attempt(`referralDept.${q}`, () => searchReferral("", q));
  }
  const findings = [
    "收缩压=75;乳酸=3.5", "收缩压 75 mmHg；乳酸 3.5 mmol/L", "血压 75/40", "血压 40/75", "乳酸=3,5", "乳酸3.5", "乳酸", "乳酸=abc", "乳酸=约3", "乳酸=3-4", "乳酸=3 4", "乳酸=3.5 g", "乳酸=999", "体温=未测", "体温=未测 38", "意识=昏迷", "意识=无", "GCS=8;GCS=9", "foo=1", "收缩压=75;舒张压=40;心率=130;呼吸=30", "SpO2=0.85", "SpO2=85", "肌钙蛋白=升高", "肌钙蛋白=阳性", "血培养=阳性", "既往史", ">3.5", "乳酸>=3.5", "乳酸≥3.5", "收缩压<90", "3,5", "皮质醇(COR)=1",
  ];
  for (const f of findings) {
    attempt(`findings.${f}`, () => {
      const p = parseFindings(f);
      return { refusal: p.problems.length ? findingsRefusal(p) : null, notes: findingsNotes(p), ignored: ignoredFindingsNote(f), problems: p.problems, ignoredItems: p.ignored, readings: p.readings };
    });
  }
  for (const c of CONDITIONS) for (const lang of ["zh", "en"] as const) attempt(`criterion.${c.id}.${lang}`, () => leavesOf(c.criterion).map((l) => leafText(l, lang)));
  for (const f of findings) attempt(`met.${f}`, () => conditionsMet(parseFindings(f).findings).map((e) => ({ id: e.condition.id, result: e.result, leaves: e.leaves.map((l) => [leafText(l, "zh"), leafText(l, "en")]) })));
  for (const k of materialKinds({})) attempt(`materials.${k.id ?? k.name.en}`, () => missingMaterials(k, "身份证;发票"));
  process.stdout.write(lines.join("\n") + "\n");
}

// ── comparing two dumps ─────────────────────────────────────────────────────────────────
const PERSON: Record<string, string> = { in_service: "在职", retired: "退休", adult: "成年", elderly: "老年", student: "学生", minor: "未成年" };
const KINDS: Record<string, string> = { "(empty)": "（空）", "(a big integer)": "（大整数）", "(an invalid date)": "（无效日期）", "(a list)": "（列表）", "(a function)": "（函数）", "(a symbol)": "（符号）", "(an object)": "（对象）" };
const KIND_RE = new RegExp(Object.keys(KINDS).map((k) => k.replace(/[()]/g, "\\$&")).join("|"), "g");

/** Each defect fixed, as the rewrite of an old text (in the language of the path) that gives the new one. */
const EXPLAINED: readonly { what: string; lang?: "zh" | "en"; fix: (t: string) => string }[] = [
  { what: "a field's label shown once when the header is the label (总费用（总费用） → 总费用)", fix: (t) => t.replace(/(?<![\w\u4e00-\u9fff/])([\u4e00-\u9fff/]+)（\1）/gu, "$1") },
  { what: "the same in English (total (total) → total)", lang: "en", fix: (t) => t.replace(/(?<![\w-])([A-Za-z][A-Za-z -]*?) \(\1\)/g, "$1") },
  { what: "a place code not repeated in its own name (610100（陕西省（610100））→ 610100（陕西省）)", fix: (t) => t.replace(/(?<=[（(])([\u4e00-\u9fff]+)（\d{6}）(?=[）)])/gu, "$1") },
  { what: "a value that is not text named in Chinese in a Chinese message (值 (an object) → 值 （对象）)", lang: "zh", fix: (t) => t.replace(KIND_RE, (m) => KINDS[m]!) },
  { what: "English citations joined with '; ' (was the Chinese ；)", lang: "en", fix: (t) => t.replace(/；/g, "; ") },
  { what: "a resident person type named in Chinese in the Chinese reason (按 adult 计算 → 按 成年 计算)", lang: "zh", fix: (t) => t.replace(/人员类别错误：按 (\w+) 计算，实为 (\w+)/, (_, a: string, b: string) => `人员类别错误：按 ${PERSON[a]} 计算，实为 ${PERSON[b]}`) },
];
/** A Chinese parameter-table message whose reason was English is now Chinese: recognised, not rewritten. */
const ZH_REASON = { what: "a parameter-table value's reason in Chinese in the Chinese message (取值无效：expected … → 取值无效：应为 …)", test: (x: string, y: string) => /取值无效：(expected|no value)/.test(x) && /^取值无效：/.test(y) && !/expected|got/.test(y) };

function compareDumps(beforeFile: string, afterFile: string): number {
  const load = (f: string) => {
    const m = new Map<string, string>();
    for (const line of readFileSync(f, "utf8").split("\n")) {
      if (!line) continue;
      const tab = line.indexOf("\t");
      let k = line.slice(0, tab);
      for (let i = 2; m.has(k); i++) k = `${line.slice(0, tab)}#${i}`;
      m.set(k, line.slice(tab + 1));
    }
    return m;
  };
  const before = load(beforeFile);
  const after = load(afterFile);
  const counts = new Map<string, number>();
  const left: string[] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(k);
    const y = after.get(k);
    if (x === y) continue;
    if (x !== undefined && y !== undefined) {
      const lang = k.endsWith(".en") ? "en" : "zh";
      let z = x;
      const hit: string[] = [];
      for (const e of EXPLAINED) {
        if (e.lang && e.lang !== lang) continue;
        const z2 = e.fix(z);
        if (z2 !== z) hit.push(e.what);
        z = z2;
      }
      if (z !== y && lang === "zh" && ZH_REASON.test(z, y)) hit.push(ZH_REASON.what), (z = y);
      if (z === y) {
        for (const h of hit) counts.set(h, (counts.get(h) ?? 0) + 1);
        continue;
      }
    }
    left.push(`${k}\n  before: ${x ?? "(none)"}\n  after:  ${y ?? "(none)"}`);
  }
  console.log(`${before.size} messages before, ${after.size} after`);
  for (const [what, n] of counts) console.log(`explained ${String(n).padStart(5)}  ${what}`);
  console.log(`unexplained ${left.length}`);
  for (const l of left.slice(0, 50)) console.log(l);
  return left.length;
}

if (process.argv[2] === "--compare") process.exit(compareDumps(process.argv[3]!, process.argv[4]!) ? 1 : 0);
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
