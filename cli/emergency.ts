/**
 * yibao emergency --condition NAME --findings TEXT [--json] [--yishang more_than|at_least]
 * yibao emergency --findings TEXT [--json]
 *
 * Whether findings meet an emergency condition's key criterion (急危重病参考病种及关键标准; POLICY
 * §10), in three values, read in the findings language of docs/findings.md: the answer lists the
 * missing findings, the items ignored (they name no criterion) and how each item was read. A refused
 * item (a value that can be read two ways, a wrong unit …) gives no answer: result "refused", exit 1.
 */
import { CONDITIONS, conditionProblem, conditionsMet, evaluate, findCondition, findingName, parseFindings, type Evaluation, type ParsedFindings, type YishangReading } from "../src/catalogs/emergency";
import { citeText } from "../src/docs";
import { joinList, say } from "../src/messages";
import type { Lang } from "../src/text";
import type { CliArgs, CliIo } from "./referral";

function evaluationJson(e: Evaluation, lang: Lang) {
  return {
    condition: e.condition.name[lang],
    id: e.condition.id,
    result: e.result,
    missing: e.missing.map((f) => findingName(f, lang)),
    criterion: e.condition.criterionText,
    // the documents' own numbers and sections, joined as the Chinese they are
    citation: e.condition.refs.map(citeText).join(say("zh", "common.sentenceSeparator")),
  };
}

function findingsJson(p: ParsedFindings, lang: Lang) {
  return {
    problems: p.problems.map((x) => ({ item: x.item, code: x.code, message: x.message[lang] })),
    ignored: p.ignored.map((x) => ({ item: x.item, reason: x.reason, message: x.message[lang] })),
    read: p.readings.map((x) => ({ item: x.item, finding: x.finding, as: x.text[lang] })),
  };
}

export function cmdEmergency(args: CliArgs, io: CliIo): number {
  const lang: Lang = args.opts.lang === "en" ? "en" : "zh";
  if (args.opts.lang !== undefined && args.opts.lang !== "zh" && args.opts.lang !== "en") {
    // the language asked for is not known: said in both
    io.err(`${say("zh", "cli.langInvalid", { value: String(args.opts.lang) })}\n${say("en", "cli.langInvalid", { value: String(args.opts.lang) })}`);
    return 2;
  }
  const text = args.opts.findings;
  if (typeof text !== "string") {
    io.err(say(lang, "cli.emergencyFindingsRequired"));
    return 2;
  }
  const yi = args.opts.yishang;
  if (yi !== undefined && yi !== "more_than" && yi !== "at_least") {
    io.err(say(lang, "cli.yishangInvalid", { value: String(yi) }));
    return 2;
  }
  const opts = yi ? { yishang: yi as YishangReading } : {};
  const parsed = parseFindings(text, opts);
  const json = args.opts.json === true;
  const refused = parsed.problems.length > 0;
  for (const p of parsed.problems) io.err(say(lang, "cli.emergencyProblem", { item: p.item, message: p.message }));
  for (const p of parsed.ignored) io.err(say(lang, "cli.emergencyIgnored", { item: p.item, message: p.message }));
  const name = args.opts.condition;
  if (typeof name === "string") {
    const { condition } = findCondition(name);
    if (!condition) {
      io.err(conditionProblem(name)[lang] + (findCondition(name).alternatives.length ? "" : ` (${CONDITIONS.length})`));
      return 2;
    }
    const ev = evaluate(condition, parsed.findings, opts);
    const j = { ...evaluationJson(ev, lang), ...(refused ? { result: "refused", missing: [] } : {}), ...findingsJson(parsed, lang) };
    if (json) io.out(JSON.stringify(j));
    else {
      const word = refused ? say(lang, "cli.emergencyRefused") : say(lang, ev.result === "met" ? "cli.emergencyMet" : ev.result === "not_met" ? "cli.emergencyNotMet" : "cli.emergencyUnknown");
      io.out(say(lang, "cli.emergencyAnswer", { condition: j.condition, answer: word, missing: !refused && j.missing.length ? say(lang, "cli.emergencyMissing", { names: joinList(lang, j.missing) }) : "" }));
      io.out(`  ${say(lang, "cli.emergencyCriterion", { criterion: j.criterion })}`);
      io.out(`  ${say(lang, "cli.emergencySource", { citation: j.citation })}`);
      for (const r of parsed.readings) io.out(`  ${say(lang, "cli.emergencyRead", { text: r.text })}`);
    }
    return refused ? 1 : 0;
  }
  if (refused) {
    if (json) io.out(JSON.stringify({ result: "refused", conditions: [], ...findingsJson(parsed, lang) }));
    else io.out(say(lang, "cli.emergencyRefused"));
    return 1;
  }
  const met = conditionsMet(parsed.findings, opts).map((e) => evaluationJson(e, lang));
  if (json) io.out(JSON.stringify(met));
  else if (!met.length) io.out(say(lang, "cli.emergencyNoneMet"));
  else for (const m of met) io.out(say(lang, "cli.emergencyMetLine", { condition: m.condition, criterion: m.criterion }));
  return 0;
}
