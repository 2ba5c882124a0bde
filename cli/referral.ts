/**
 * yibao referral --condition TEXT [--department TEXT] [--json] [--limit N] [--lang zh|en]
 *
 * The Chaoyang referral catalog (CY 附件2) rows for a condition or treatment, within a department
 * when one is given, with the names people use (心内科 = 循环内科, 冠状动脉旁路移植术 = 冠脉搭桥术,
 * English names). Exit code 0 with an answer (also "no row is close"), 2 on a usage error.
 */
import { searchReferral, rowRef, departmentName, REFERRAL_DEPARTMENTS } from "../src/catalogs/referral";
import { citeText } from "../src/docs";
import { joinList, say } from "../src/messages";
import type { Lang } from "../src/text";

export interface CliArgs {
  opts: Record<string, string | boolean>;
  positional: string[];
}
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

function langOf(opts: CliArgs["opts"]): Lang | null {
  const l = opts.lang ?? "zh";
  return l === "zh" || l === "en" ? l : null;
}

export function cmdReferral(args: CliArgs, io: CliIo): number {
  const lang = langOf(args.opts);
  if (!lang) {
    // the language asked for is not known: said in both
    io.err(`${say("zh", "cli.langInvalid", { value: String(args.opts.lang) })}\n${say("en", "cli.langInvalid", { value: String(args.opts.lang) })}`);
    return 2;
  }
  const condition = typeof args.opts.condition === "string" ? args.opts.condition : (args.positional[0] ?? "");
  const department = typeof args.opts.department === "string" ? args.opts.department : "";
  if (!condition.trim() && !department.trim()) {
    io.err(say(lang, "cli.referralUsage"));
    return 2;
  }
  let limit = 10;
  if (args.opts.limit !== undefined) {
    const n = Number(args.opts.limit);
    if (!Number.isInteger(n) || n < 1) {
      io.err(say(lang, "cli.limitInvalid", { value: String(args.opts.limit) }));
      return 2;
    }
    limit = n;
  }
  const r = searchReferral(condition, department, limit);
  const depts = (ds: readonly string[]) => joinList(lang, ds.map((d) => departmentName(d, lang)));
  if (args.opts.json === true) {
    io.out(
      JSON.stringify({
        condition,
        department: r.department ?? null,
        departmentQuery: r.departmentQuery ?? null,
        total: r.total,
        outside: r.outside,
        rows: r.rows.map((m) => ({ no: m.row.no, department: m.row.department, departmentEn: departmentName(m.row.department, "en"), item: m.row.item, en: m.row.en, score: m.score, how: m.how, citation: say(lang, "cli.referralCitation", { cite: citeText(rowRef(m.row)), excerpt: m.row.excerpt }) })),
      }),
    );
    return 0;
  }
  if (r.department) {
    if (r.department.matched.length) io.err(say(lang, "cli.referralDepartmentRead", { asked: r.department.asked, departments: depts(r.department.matched) }));
    else io.err(say(lang, "cli.referralDepartmentUnknown", { asked: r.department.asked, departments: depts(Object.keys(REFERRAL_DEPARTMENTS)) }));
  }
  if (r.departmentQuery) io.err(say(lang, "cli.referralDepartmentQuery", { query: condition, departments: depts(r.departmentQuery) }));
  if (!r.rows.length) {
    if (r.outside && r.department?.matched.length) io.out(say(lang, "cli.referralNoneInDepartment", { departments: depts(r.department.matched), query: condition, n: r.outside }));
    else io.out(say(lang, "cli.referralNone", { query: condition || department }));
    return 0;
  }
  for (const m of r.rows) io.out(`${String(m.row.no).padStart(3)}  ${departmentName(m.row.department, lang)}  ${lang === "zh" ? m.row.item : m.row.en}`);
  if (r.total > r.rows.length) io.out(say(lang, "cli.referralMore", { n: r.total - r.rows.length }));
  io.out(say(lang, "cli.referralSource", { citation: citeText({ doc: "CY", section: "附件2", excerpt: "" }) }));
  return 0;
}
