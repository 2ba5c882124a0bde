/**
 * Law coverage: for every section of every seed document, the parameters, rules, catalog rows and
 * tests that cite it — generated from the citations in the code, so it cannot drift — and, for each
 * section nothing cites, the reason it is not encoded (law/coverage-reasons.json: procedure, not
 * computable, out of scope …). `npm run coverage:law` prints the table and fails if a section has
 * neither code nor a reason.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { SOURCE_DOCS, type Ref, type SeedId } from "../src/docs";
import { builtinParams } from "../src/params/builtin";
import { isLiaoningCity } from "../src/params/liaoningCity";
import { lanzhouChronic } from "../src/catalogs/chronic";
import { NATIONAL_CODES, NATIONAL_NOTE } from "../src/catalogs/national";
import { CONDITIONS } from "../src/catalogs/emergency";
import { REFERRAL_ROWS, REFERRAL_REF, rowRef } from "../src/catalogs/referral";
import { MATERIAL_KINDS } from "../src/catalogs/materials";
import { ROUTES } from "../src/engine/routes";
import { GROUP_LIMITS, NAME_QUALIFIERS, NO_APPLICATION, OUTPATIENT_ASSISTANCE, TWO_DISEASE_EXCLUSION_REF, TWO_DISEASE_LEVEL_REF } from "../src/policy/chronicRules";
import type { Param } from "../src/params/types";

const ROOT = join(__dirname, "..");
const SEEDS: SeedId[] = ["L", "SY", "LN", "NA", "CY"];

const squash = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
const CN = "一二三四五六七八九十百";

const L_TITLES = [
  "兰州市城镇职工基本医疗保险参保就医政策规定",
  "特殊疾病长期门诊中办审批流程",
  "特殊疾病长期门诊审批标准及诊疗范围",
  "异地就医直接结算政策问答",
  "兰州市城镇职工生育保险待遇政策规定",
  "兰州市市直单位国家公务员医疗补助政策",
  "城乡居民基本医疗保险政策",
  "“两病”政策问答",
  "2020年兰州市医保扶贫政策25问",
  "兰州市医保行政机关政策咨询及投诉举报电话",
  "兰州市医保经办机构政策咨询及经办服务电话",
  "前言",
  "目录",
].map(squash);

type Rule = { level: number; test: (line: string) => boolean };
const re = (level: number, r: RegExp): Rule => ({ level, test: (l) => r.test(l) });
const HEADINGS: Record<SeedId, Rule[]> = {
  L: [
    re(0, /^第[一二三四]部分/),
    { level: 1, test: (l) => L_TITLES.includes(squash(l)) },
    re(2, new RegExp(`^[${CN}]+、`)),
    re(3, new RegExp(`^[（(][${CN}]+[）)]`)),
    re(4, /^\d{1,2}[.．]\s*[^\d\s]/),
  ],
  SY: [re(0, /^附件$/), re(1, new RegExp(`^[${CN}]+、`)), re(2, new RegExp(`^[（(][${CN}]+[）)]`))],
  LN: [re(0, new RegExp(`^第[${CN}]+章`)), re(0, /^附件$/), re(1, new RegExp(`^第[${CN}]+条`)), re(1, new RegExp(`^[${CN}]+、`)), re(2, new RegExp(`^[（(][${CN}]+[）)]`))],
  NA: [re(0, /^附件\s*\d$/), re(1, new RegExp(`^[${CN}]+、`)), re(2, new RegExp(`^[（(][${CN}]+[）)]`))],
  CY: [re(0, /^附件\s*2$/), re(0, /^基本医疗保险急危重病/), re(1, new RegExp(`^[${CN}]+、`)), re(2, new RegExp(`^[（(][${CN}]+[）)]`))],
};

export interface Section {
  doc: SeedId;
  path: string[];
  key: string;
  start: number;
  end: number;
  text: string;
  /** Characters after the heading line: a bare heading states nothing and is not a section of its own. */
  body: number;
}

/** Split a seed into sections: each heading line starts one, its path is the enclosing headings. */
export function sections(doc: SeedId): Section[] {
  const raw = readFileSync(join(ROOT, "law", SOURCE_DOCS[doc].file), "utf8");
  const lines = raw.split("\n");
  const out: Section[] = [];
  const stack: string[] = [];
  let pos = 0;
  let cur: Section = { doc, path: ["(开头)"], key: `${doc} (开头)`, start: 0, end: 0, text: "", body: 0 };
  for (const line of lines) {
    const clean = line.replace(/^[\s#*\-]+/, "").replace(/\*+/g, "").trim();
    const rule = clean ? HEADINGS[doc].find((r) => r.test(clean)) : undefined;
    if (rule) {
      cur.end = pos;
      out.push(cur);
      stack.length = rule.level;
      const label = clean.length > 24 ? clean.slice(0, 24) + "…" : clean;
      stack[rule.level] = label;
      const path = stack.filter((x) => x !== undefined);
      cur = { doc, path, key: `${doc} ${path.join(" / ")}`, start: pos, end: 0, text: "", body: -Math.min(squash(line).length, 12) };
    }
    const sq = squash(line);
    cur.text += sq;
    cur.body += sq.length;
    pos += sq.length;
  }
  cur.end = pos;
  out.push(cur);
  // A bare heading or a one-line item (1. 社保卡复印件。) belongs to the section before it.
  const merged: Section[] = [];
  for (const sct of out) {
    const prev = merged[merged.length - 1];
    if (prev && sct.body < 8 && sct.path.length > 1) {
      prev.end = sct.end;
      prev.text += sct.text;
    } else merged.push(sct);
  }
  return merged.filter((x) => x.text.length > 0);
}

const NUM = new RegExp(`第[${CN}]+[章条]|[${CN}]+、|[（(][${CN}]+[）)]`, "g");
const numbering = (s: string) => [...squash(s).matchAll(NUM)].map((m) => m[0].replace(/[（(]/, "(").replace(/[）)]/, ")"));

export interface Citation {
  by: string;
  kind: "parameter" | "rule" | "catalog" | "test";
  ref: Ref;
}

function undoSlips(excerpt: string, slip?: string): string {
  let s = squash(excerpt);
  if (slip)
    for (const part of slip.split(/[;；]/)) {
      const [a, b] = part.split(/→|->/).map((x) => squash(x));
      if (a !== undefined && b) s = s.split(b).join(a);
    }
  return s;
}

function walk(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.test(f) ? [p] : [];
  });
}

/** Every citation the project makes, with who makes it. */
export function citations(): Citation[] {
  const out: Citation[] = [];
  for (const p of builtinParams()) for (const v of p.versions) out.push({ by: p.id, kind: "parameter", ref: v.ref });
  for (const d of [...lanzhouChronic.employee, ...lanzhouChronic.resident]) out.push({ by: `chronic ${d.id}`, kind: "catalog", ref: d.ref });
  out.push({ by: "chronic employee list", kind: "catalog", ref: lanzhouChronic.employeeRef }, { by: "chronic resident list", kind: "catalog", ref: lanzhouChronic.residentRef });
  for (const c of NATIONAL_CODES) out.push({ by: `national ${c.code}`, kind: "catalog", ref: c.ref });
  out.push({ by: "national note", kind: "catalog", ref: NATIONAL_NOTE.ref });
  for (const c of CONDITIONS) for (const r of c.refs) out.push({ by: `emergency ${c.id}`, kind: "catalog", ref: r });
  out.push({ by: "referral catalog", kind: "catalog", ref: REFERRAL_REF });
  for (const r of REFERRAL_ROWS) out.push({ by: `referral row ${r.no}`, kind: "catalog", ref: rowRef(r) });
  for (const k of MATERIAL_KINDS) for (const it of k.items) out.push({ by: `materials ${k.id}`, kind: "catalog", ref: it.ref });
  // Row rules of the chronic tables (src/policy/chronicRules.ts; POLICY §12)
  for (const [id, q] of Object.entries(NAME_QUALIFIERS)) out.push({ by: `qualifier ${id}`, kind: "rule", ref: q.ref });
  for (const [id, g] of Object.entries(GROUP_LIMITS)) out.push({ by: `group limit ${id}`, kind: "rule", ref: g.ref });
  for (const [id, n] of Object.entries(NO_APPLICATION)) out.push({ by: `no application ${id}`, kind: "rule", ref: n.ref });
  for (const [id, r] of Object.entries(OUTPATIENT_ASSISTANCE)) out.push({ by: `outpatient assistance ${id}`, kind: "rule", ref: r });
  out.push({ by: "two-disease exclusion", kind: "rule", ref: TWO_DISEASE_EXCLUSION_REF }, { by: "two-disease level", kind: "rule", ref: TWO_DISEASE_LEVEL_REF });
  ROUTES.rows.forEach((r, i) => {
    if (r.then.kind !== "needs") out.push({ by: `route ${i} ${r.then.kind === "kernel" ? r.then.kernel : "no rule"}`, kind: "rule", ref: r.then.ref });
  });
  // Citation literals in the code: { doc: "X", section: "…", excerpt: "…" }
  const lit = /doc:\s*"(L|SY|LN|NA|CY)",\s*section:\s*"([^"]*)",\s*excerpt:\s*"([^"]*)"(?:,\s*slip:\s*"([^"]*)")?/g;
  for (const f of walk(join(ROOT, "src"), /\.ts$/)) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(lit)) if (m[3]) out.push({ by: relative(ROOT, f), kind: "rule", ref: { doc: m[1] as SeedId, section: m[2]!, excerpt: m[3]!, ...(m[4] ? { slip: m[4] } : {}) } });
  }
  // Tests cite by quoting: any run of Chinese text of 6 characters or more found in a seed.
  const seedText = Object.fromEntries(SEEDS.map((d) => [d, squash(readFileSync(join(ROOT, "law", SOURCE_DOCS[d].file), "utf8"))]));
  for (const f of walk(join(ROOT, "test"), /\.test\.tsx?$/)) {
    const text = readFileSync(f, "utf8");
    const seen = new Set<string>();
    for (const m of text.matchAll(/[\u4e00-\u9fff“”（）()、，,0-9%.]{6,}/g)) {
      const q = squash(m[0]).replace(/^[,，、.]+|[,，、.]+$/g, "");
      if (q.length < 6 || seen.has(q) || !/[\u4e00-\u9fff]{3}/.test(q)) continue;
      seen.add(q);
      for (const d of SEEDS) if (seedText[d]!.includes(q)) out.push({ by: relative(ROOT, f), kind: "test", ref: { doc: d, section: "", excerpt: q } });
    }
  }
  return out;
}

export interface Reason {
  doc: SeedId;
  prefix: string;
  kind: "procedure" | "not_computable" | "out_of_scope" | "front_matter" | "covered_elsewhere";
  why: string;
}

export interface CoverageRow {
  section: Section;
  by: { parameter: string[]; rule: string[]; catalog: string[]; test: string[] };
  reason?: Reason;
}

export function coverage(): { rows: CoverageRow[]; unlocated: Citation[]; unusedReasons: Reason[] } {
  const all = SEEDS.flatMap(sections);
  const rows: CoverageRow[] = all.map((s) => ({ section: s, by: { parameter: [], rule: [], catalog: [], test: [] } }));
  const seedText = Object.fromEntries(SEEDS.map((d) => [d, squash(readFileSync(join(ROOT, "law", SOURCE_DOCS[d].file), "utf8"))]));
  const unlocated: Citation[] = [];
  for (const c of citations()) {
    const q = undoSlips(c.ref.excerpt, c.ref.slip);
    const text = seedText[c.ref.doc]!;
    const hits: number[] = [];
    if (q.length < 2) {
      unlocated.push(c);
      continue;
    }
    for (let k = text.indexOf(q); k >= 0; k = text.indexOf(q, k + 1)) hits.push(k);
    if (hits.length === 0) {
      unlocated.push(c);
      continue;
    }
    // The same words can stand in several sections (呼吸衰竭 and 哮喘 share a criterion): take the
    // occurrence in the section the citation names, else the first.
    const want = numbering(c.ref.section);
    const sectionAt = (h: number) => rows.find((r) => r.section.doc === c.ref.doc && r.section.start <= h && r.section.end > h);
    const named =
      hits.length > 1 && want.length
        ? hits.find((h) => {
            const got = (sectionAt(h)?.section.path ?? []).flatMap((p) => numbering(p).slice(0, 1));
            return want.every((w, j) => got[got.length - want.length + j] === w);
          })
        : undefined;
    const at = named ?? hits[0]!;
    // every section the excerpt touches
    for (const r of rows) if (r.section.doc === c.ref.doc && r.section.start < at + q.length && r.section.end > at) if (!r.by[c.kind].includes(c.by)) r.by[c.kind].push(c.by);
  }
  const reasons = JSON.parse(readFileSync(join(ROOT, "law", "coverage-reasons.json"), "utf8")) as Reason[];
  const used = new Set<Reason>();
  for (const r of rows) {
    const cited = r.by.parameter.length + r.by.rule.length + r.by.catalog.length > 0;
    const reason = reasons.find((x) => x.doc === r.section.doc && r.section.path.join(" / ").startsWith(x.prefix));
    if (reason) used.add(reason);
    if (!cited && reason) r.reason = reason;
  }
  return { rows, unlocated, unusedReasons: reasons.filter((x) => !used.has(x)) };
}

/**
 * The readings (POLICY §5–§12) and the edge rules of POLICY §12 (issue 13), one line each: what
 * encodes it (parameters, switches with their default, data), its citation, and the tests that name
 * it. A reading is every parameter of unit "switch"; the edge rules are listed here.
 */
export interface EdgeLine {
  item: string;
  encodedBy: string;
  citation: string;
  tests: string[];
}

const EDGE_RULES: readonly { item: string; encodedBy: string; keys: readonly string[]; citation: string }[] = [
  { item: "§12 two chronic diseases: the shared cap only while both have a cap and are within their years", encodedBy: "lanzhou.employee.chronic.twoDiseasesWithoutCap; claim field secondChronicApproved", keys: ["chronic_split_rows", "second_chronic_period_ended"], citation: "L 第一部分 三、(三) 5.; NA 二、(四)" },
  { item: "§12 医疗救助 for the poor's outpatient dialysis and transplant", encodedBy: "lanzhou.resident.assistance.outpatient; chronicRules OUTPATIENT_ASSISTANCE (R01, R02)", keys: ["lanzhou.resident.assistance.outpatient", "第51、52项"], citation: "L 第四部分 12. 第51、52项" },
  { item: "§12 血友病 needs no application", encodedBy: "lanzhou.employee.chronic.haemophiliaApplication; chronicRules NO_APPLICATION (E12)", keys: ["lanzhou.employee.chronic.haemophiliaApplication", "无须申报"], citation: "L 第一部分 特殊疾病长期门诊审批标准及诊疗范围 九、(三)" },
  { item: "§12 group-limited rows and blank payment years", encodedBy: "lanzhou.resident.chronic.pkuMaxAge, lanzhou.resident.chronic.groupWithoutBirthDate, lanzhou.chronic.blankYears; claim field birthDate", keys: ["chronic_group_limited", "lanzhou.chronic.blankYears"], citation: "L 第四部分 18. 苯丙酮尿症（18岁及以下儿童）" },
  { item: "§7 两病: level 2 or below; either disease's chronic approval excludes", encodedBy: "lanzhou.resident.twoDisease.exclusion; chronicRules TWO_DISEASE_LEVEL_REF, TWO_DISEASE_EXCLUDING", keys: ["two_disease_level", "two_disease_excluded"], citation: "L 第三部分 两病 五、; 二、(二)" },
  { item: "§12 names that drop a row's qualifier", encodedBy: "lanzhou.chronic.nameQualifier; chronicRules NAME_QUALIFIERS", keys: ["chronic_qualifier_dropped"], citation: "L 第一部分 三、(三) 1.; 第四部分 16." },
  { item: "§12 registered poor +5 against the 2019 cancellation", encodedBy: "lanzhou.resident.inpatient.povertyRaiseReading", keys: ["lanzhou.resident.inpatient.povertyRaiseReading", "文字冲突"], citation: "L 第三部分 三、(二); 第三部分 二、(三)" },
  { item: "§12 partial settlement: a layer without its figure is not computable, the rest stands", encodedBy: "src/engine/kernel.ts layerNotComputable; results' incomplete", keys: ["incomplete", "notCompared"], citation: "L 第二部分 三、3 (公务员补充医疗保险基金最高支付限额)" },
  { item: "§9 困难群体 referred in the province: local terms, threshold counted on", encodedBy: "shenyang.referral.poorInProvince (dated); claim field referralThresholdPaid", keys: ["referralThresholdPaid", "连续计算"], citation: "LN 第二十三条" },
  { item: "§12 filing validity by its dated parameters, from LN's date in force", encodedBy: "liaoning.filing.* read by src/policy/filing.ts filingRules", keys: ["liaoning.filing.referralMonths", "filingRules"], citation: "LN 第十六、十八条; 第五十六条" },
  { item: "§12 rule currency: parameters older than a year named in the trace and the audit summary", encodedBy: "src/engine/currency.ts (CURRENCY_YEARS, DOC_DATES)", keys: ["一年以上", "currency"], citation: "POLICY §12 (project decision; seeds' dates)" },
  { item: "§12 audit: long-term filers' chronic / 两病 care settled directly; a manual claim for a stay settled directly", encodedBy: "src/audit/audit.ts CLAIM_CHECKS, markSettledTwice", keys: ["先由本人垫付", "不得因待遇差"], citation: "L 第一部分 三、(三) 4.(3); 两病 六、(二); SY 三、; LN 第二十八条" },
  { item: "§8 Shenyang emergency elsewhere: which 补充险 bands", encodedBy: "shenyang.employee.supplementary.emergencyBands", keys: ["shenyang.employee.supplementary.emergencyBands"], citation: "SY 三、(二); 四、" },
];

export function edgeLines(): EdgeLine[] {
  const tests = walk(join(ROOT, "test"), /\.test\.tsx?$/).map((f) => ({ f: relative(ROOT, f), text: readFileSync(f, "utf8") }));
  const testsNaming = (keys: readonly string[]) => tests.filter((t) => keys.some((k) => t.text.includes(k))).map((t) => t.f);
  // the liaoning-city template's switches once, by its worked example (every city's set is the same template)
  const switches = builtinParams().filter((p: Param) => p.unit === "switch" && !(isLiaoningCity(p.set) && p.set !== "chaoyang"));
  const lines: EdgeLine[] = switches.map((p) => {
    const v = p.versions[p.versions.length - 1]!;
    const others = Object.keys(p.choices ?? {}).filter((k) => k !== v.value);
    return { item: `reading: ${p.label.en}`, encodedBy: `${p.id} = ${String(v.value)} (also: ${others.join(", ")})`, citation: `${v.ref.doc} ${v.ref.section}`, tests: testsNaming([p.id]) };
  });
  for (const e of EDGE_RULES) lines.push({ item: e.item, encodedBy: e.encodedBy, citation: e.citation, tests: testsNaming(e.keys) });
  return lines;
}

if (require.main === module) {
  const { rows, unlocated, unusedReasons } = coverage();
  let gaps = 0;
  const lines: string[] = ["| doc | section | parameters | rules | catalog rows | tests | status |", "| --- | --- | --- | --- | --- | --- | --- |"];
  for (const r of rows) {
    const n = (xs: string[]) => (xs.length ? `${xs.length}: ${xs.slice(0, 3).join(", ")}${xs.length > 3 ? " …" : ""}` : "");
    const cited = r.by.parameter.length + r.by.rule.length + r.by.catalog.length > 0;
    const status = cited ? "encoded" : r.reason ? `${r.reason.kind}: ${r.reason.why}` : "MISSING: no code and no reason";
    if (!cited && !r.reason) gaps++;
    lines.push(`| ${r.section.doc} | ${r.section.path.join(" / ")} | ${n(r.by.parameter)} | ${n(r.by.rule)} | ${n(r.by.catalog)} | ${n(r.by.test)} | ${status} |`);
  }
  console.log(lines.join("\n"));
  const encoded = rows.filter((r) => r.by.parameter.length + r.by.rule.length + r.by.catalog.length > 0).length;
  console.log(`\n${rows.length} sections: ${encoded} encoded, ${rows.length - encoded - gaps} with a reason, ${gaps} missing.`);
  if (unlocated.length) console.log(`${unlocated.length} citations not found in their seed:\n${unlocated.map((c) => `  ${c.by}: ${c.ref.doc} ${c.ref.excerpt.slice(0, 40)}`).join("\n")}`);
  const edges = edgeLines();
  console.log("\n## Readings (switches) and POLICY §12 edges\n\n| item | encoded by | citation | tests |\n| --- | --- | --- | --- |");
  for (const e of edges) console.log(`| ${e.item} | ${e.encodedBy} | ${e.citation} | ${e.tests.length ? e.tests.join(", ") : "NONE"} |`);
  const untested = edges.filter((e) => !e.tests.length);
  if (untested.length) console.log(`${untested.length} readings or edges without a test:\n${untested.map((e) => `  ${e.item}`).join("\n")}`);
  if (unusedReasons.length) console.log(`${unusedReasons.length} reasons match no section:\n${unusedReasons.map((r) => `  ${r.doc} ${r.prefix}`).join("\n")}`);
  process.exit(gaps || unlocated.length || untested.length ? 1 : 0);
}
