/**
 * One search over every catalog. For each catalog, first what the core's lookups make of the text
 * (the same answer IS_EMERGENCY, CHRONIC_CODE and REFERRAL give: a name, a synonym or English name, a
 * specific disease read as its class, a department group), then the rows whose names contain it or
 * are close to it. A name that could mean several rows gives them all as candidates with the reason,
 * never one of them silently; each hit says how it was found.
 */
import { CONDITIONS, conditionKey, findCondition, findingByName, FINDINGS, leavesOf, type Condition } from "../../../src/catalogs/emergency";
import { chronicKey, nameKey, specificDiseaseRules } from "../../../src/catalogs/chronic";
import { rank } from "../../../src/catalogs/fuzzy";
import { referralKey } from "../../../src/catalogs/referral";
import { searchCatalogs, type CatalogSearch } from "../../../src/catalogs/search";
import { joinList, joinTexts, msg } from "../../../src/messages";
import type { Lang, Text } from "../../../src/text";
import { catalogIndex } from "./catalogIndex";
import { CATALOG_IDS, type CatalogId, type Entry } from "./entry";

/** How a hit was found (the list shows a tag for the ones a person should know about). */
export type How = "all" | "name" | "alias" | "rule" | "candidate" | "finding" | "code" | "number" | "department" | "contains" | "similar";

export interface Hit {
  entry: Entry;
  how: How;
}

export interface Group {
  id: CatalogId;
  hits: Hit[];
  /** What the lookup made of the text: the class it was read as, the candidates' reason, the department … */
  notes: Text[];
  /** The text could mean several of this catalog's rows: they are candidates, none is picked. */
  ambiguous: boolean;
}

export type Groups = Record<CatalogId, Group>;
export type SchemeFilter = "all" | "employee" | "resident";

/** Only a merely similar name this close is offered (a typo); contained and exact names always are. */
const SIMILAR = 0.44;
/** Latin words share letter pairs more easily (cardiology ~ cardiogenic shock): closer still. */
const SIMILAR_LATIN = 0.55;
const LATIN = /^[\sa-z0-9'-]+$/i;

/** Collects hits in order, each entry once (its first, strongest reason kept). */
class Hits {
  readonly list: Hit[] = [];
  private seen = new Set<Entry>();
  add(entry: Entry | undefined, how: How) {
    if (!entry || this.seen.has(entry)) return;
    this.seen.add(entry);
    this.list.push({ entry, how });
  }
}

/** A short Latin query (MI, ACS, DBS) is a word: it is found as a whole word of a name, not inside other words. */
const SHORT_LATIN = /^[a-z0-9]{1,3}$/i;
const asWord = (q: string, name: string) => new RegExp(`(?<![a-z])${q}(?![a-z])`, "i").test(name);

/** The rows whose names equal, contain or (nearly) match one of the query's forms, best first. */
function browse(id: CatalogId, lang: Lang, queries: readonly string[]): Hit[] {
  const { candidates } = catalogIndex(id, lang);
  const best = new Map<Entry, { score: number; how: How }>();
  for (const q of new Set(queries.filter((x) => nameKey(x) !== ""))) {
    const short = SHORT_LATIN.test(q.trim());
    for (const m of rank(q, candidates, candidates.length, 0.3)) {
      if (m.how === "similar" && (m.score < (LATIN.test(q) ? SIMILAR_LATIN : SIMILAR) || short)) continue;
      if (short && m.how === "contains" && !asWord(q.trim(), m.name)) continue;
      const own = candidates.find((c) => c.item === m.item)!.names[0];
      const how: How = m.how === "exact" ? (m.name === own ? "name" : "alias") : m.how;
      const prev = best.get(m.item);
      if (!prev || m.score > prev.score) best.set(m.item, { score: m.score, how });
    }
  }
  return [...best.entries()].sort((a, b) => b[1].score - a[1].score).map(([entry, x]) => ({ entry, how: x.how }));
}

const conditionEntry = (c: Condition, lang: Lang) => catalogIndex("emergency", lang).byKey.get(c.id);

/** Conditions whose key criterion uses the finding (乳酸) or the choice (室颤) the text names. */
function findingUse(q: string): { conditions: Condition[]; name: Text } | null {
  const f = findingByName(q);
  if (f) return { conditions: CONDITIONS.filter((c) => leavesOf(c.criterion).some((l) => l.finding === f.id)), name: { zh: f.zh, en: f.en } };
  const k = conditionKey(q);
  for (const x of Object.values(FINDINGS))
    for (const [id, ch] of Object.entries(x.choices ?? {}))
      if ([ch.zh, ch.en, ...ch.aliases].some((n) => conditionKey(n) === k))
        return { conditions: CONDITIONS.filter((c) => leavesOf(c.criterion).some((l) => l.finding === x.id && Array.isArray(l.value) && l.value.includes(id))), name: { zh: ch.zh, en: ch.en } };
  return null;
}

function emergencyGroup(q: string, lang: Lang): Group {
  const hits = new Hits();
  const notes: Text[] = [];
  const look = findCondition(q);
  if (look.condition) {
    const c = look.condition;
    const own = [c.name.zh, c.name.en, c.id].some((n) => conditionKey(n) === conditionKey(q));
    hits.add(conditionEntry(c, lang), own ? "name" : "alias");
  }
  if (look.ambiguous) {
    for (const c of look.ambiguous.candidates) hits.add(conditionEntry(c, lang), "candidate");
    notes.push(msg("pane.catalog.note.ambiguous", { name: q, why: look.ambiguous.why }));
  }
  const use = findingUse(q);
  if (use?.conditions.length) {
    for (const c of use.conditions) hits.add(conditionEntry(c, lang), "finding");
    notes.push(msg("pane.catalog.note.finding", { name: use.name }));
  }
  for (const h of browse("emergency", lang, [q])) hits.add(h.entry, h.how);
  return { id: "emergency", hits: hits.list, notes, ambiguous: !!look.ambiguous };
}

const CODE_PREFIX = /^m\d{1,5}$/i;

function chronicGroup(q: string, lang: Lang, s: CatalogSearch, scheme: SchemeFilter): Group {
  const index = catalogIndex("chronic", lang);
  const hits = new Hits();
  const notes: Text[] = [];
  let ambiguous = false;
  const rules = specificDiseaseRules(q);
  const partial: string[] = [];
  for (const [sch, l] of [["employee", s.lanzhouEmployee], ["resident", s.lanzhouResident]] as const) {
    if (scheme !== "all" && scheme !== sch) continue;
    if (l.exact) {
      const d = l.exact;
      hits.add(index.byKey.get(d.id), l.how === "rule" ? "rule" : nameKey(d.name) === nameKey(q) ? "name" : "alias");
      if (l.how === "rule" && rules[0]) notes.push(msg("pane.catalog.note.rule", { name: q, row: d.name, why: rules[0].why }));
    } else if (l.how === "partial" || l.how === "rule-candidates") {
      ambiguous = true;
      for (const d of l.candidates) hits.add(index.byKey.get(d.id), "candidate");
      if (l.how === "partial") partial.push(...l.candidates.map((d) => d.name));
      else notes.push(msg("pane.catalog.note.classRows", { name: q, why: joinTexts(rules.map((r) => r.why)) }));
    }
  }
  if (partial.length) notes.unshift(msg("findings.chronicPartial", { name: q, rows: { zh: joinList("zh", [...new Set(partial)]), en: joinList("en", [...new Set(partial)]) } }));
  // a code, or its beginning (M039 → M03900), finds the rows mapped to it, and nothing else
  if (CODE_PREFIX.test(q)) {
    for (const e of index.entries) if (e.item.kind === "chronic" && (e.item.m.code ?? "").startsWith(q.toUpperCase())) hits.add(e, "code");
  } else for (const h of browse("chronic", lang, [q, chronicKey(q)])) hits.add(h.entry, h.how);
  const list = hits.list.filter((h) => scheme === "all" || (h.entry.item.kind === "chronic" && h.entry.item.d.scheme === scheme));
  return { id: "chronic", hits: list, notes: uniqTexts(notes), ambiguous };
}

function nationalGroup(q: string, lang: Lang, s: CatalogSearch): Group {
  const index = catalogIndex("national", lang);
  const hits = new Hits();
  const notes: Text[] = [];
  const n = s.national;
  let ambiguous = false;
  if (n.exact) {
    const by = n.matchedBy;
    hits.add(index.byKey.get(n.exact.code), by === "code" ? "code" : by === "national-name" ? "name" : by === "specific-disease" ? "rule" : "alias");
    if (n.why && by !== "code" && by !== "national-name") notes.push(msg("pane.catalog.note.code", { name: q, code: n.exact.code, why: n.why }));
  } else if (n.candidates.length && n.why && (n.matchedBy !== "none" || specificDiseaseRules(q).length > 1)) {
    // a name that drops a qualifier, a joint Lanzhou row, or two specific diseases at once: candidates with the reason
    ambiguous = true;
    for (const c of n.candidates) hits.add(index.byKey.get(c.code), "candidate");
    notes.push(n.why);
  }
  if (CODE_PREFIX.test(q)) {
    for (const e of index.entries) if (e.key.startsWith(q.toUpperCase())) hits.add(e, "code");
  } else for (const h of browse("national", lang, [q, chronicKey(q)])) hits.add(h.entry, h.how);
  return { id: "national", hits: hits.list, notes, ambiguous };
}

function referralGroup(q: string, lang: Lang, s: CatalogSearch): Group {
  const index = catalogIndex("referral", lang);
  const hits = new Hits();
  const notes: Text[] = [];
  if (/^\d+$/.test(q)) hits.add(index.byKey.get(String(Number(q))), "number");
  if (s.referralDepartments?.length) {
    for (const m of s.referral) hits.add(index.byKey.get(String(m.row.no)), "department");
    notes.push(msg("pane.catalog.note.department", { name: q, departments: { zh: joinList("zh", s.referralDepartments), en: joinList("en", s.referralDepartments) } }));
  } else {
    // the core ranks every row with the catalog's department groups and term synonyms applied
    const short = SHORT_LATIN.test(q);
    for (const m of s.referral) {
      if (m.how === "similar" && (m.score < SIMILAR || short)) continue;
      if (short && m.how !== "exact" && ![m.row.item, m.row.en, ...m.row.keywords].some((n) => asWord(q, n))) continue;
      hits.add(index.byKey.get(String(m.row.no)), m.how === "exact" ? "name" : m.how === "contains" ? "contains" : "similar");
    }
    const read = referralKey(q);
    if (hits.list.length && read !== nameKey(q.normalize("NFKC"))) notes.push(msg("pane.catalog.note.synonym", { name: q, as: read }));
  }
  return { id: "referral", hits: hits.list, notes, ambiguous: false };
}

function materialsGroup(q: string, lang: Lang): Group {
  return { id: "materials", hits: browse("materials", lang, [q]), notes: [], ambiguous: false };
}

function uniqTexts(ts: Text[]): Text[] {
  const seen = new Set<string>();
  return ts.filter((t) => !seen.has(t.zh) && !!seen.add(t.zh));
}

/** Every catalog's hits for a text (nothing typed: every row), in the catalogs' order. */
export function searchGroups(query: string, lang: Lang, scheme: SchemeFilter = "all"): Groups {
  const q = query.trim();
  if (!q) {
    const all = (id: CatalogId): Group => ({
      id,
      hits: catalogIndex(id, lang)
        .entries.filter((e) => scheme === "all" || e.item.kind !== "chronic" || e.item.d.scheme === scheme)
        .map((entry) => ({ entry, how: "all" as const })),
      notes: [],
      ambiguous: false,
    });
    return Object.fromEntries(CATALOG_IDS.map((id) => [id, all(id)])) as Groups;
  }
  const s = searchCatalogs(q, 200);
  return {
    emergency: emergencyGroup(q, lang),
    chronic: chronicGroup(q, lang, s, scheme),
    national: nationalGroup(q, lang, s),
    referral: referralGroup(q, lang, s),
    materials: materialsGroup(q, lang),
  };
}

/** One catalog's entries for a text, best first (nothing typed: the whole catalog). */
export function searchCatalog(id: CatalogId, lang: Lang, query: string): Entry[] {
  return searchGroups(query, lang)[id].hits.map((h) => h.entry);
}
