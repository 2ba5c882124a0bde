/**
 * SeenClaims (src/audit/audit.ts) keeps what a batch has seen per person instead of a string key per
 * check; it must name exactly the claims the string keys named. The reference below is the audit's
 * definition as it was written with those keys (markDuplicates: the same claim id, or the same
 * person — ID number, else name — date, total, care type and disease; settledTwice: the same stay
 * settled directly and claimed manually, SY 三、"异地就医直接结算后,不得因待遇差等原因办理退费", LN
 * 第二十八条; each key's first claim named). Random batches with few people, days and totals (so
 * that keys repeat), row labels as ids, and people with more visits than the short list holds.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SeenClaims } from "../src/audit/audit";
import { say } from "../src/messages";

type Settlement = "direct" | "manual";
interface C { id: string; who?: string; day?: number; total: number; care: string; disease?: string; settlement: Settlement }

/** The string keys, as the audit had them. */
function reference(claims: C[]): { dup?: string; twice?: string }[] {
  const seen = new Map<string, string>();
  const stays = new Map<string, { id: string; settlement: Settlement }>();
  const remember = (key: string, id: string) => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, id);
    return first;
  };
  return claims.map((c) => {
    let dup: string | undefined;
    if (c.id && !(c.id.startsWith("row ") && /^row \d+$/.test(c.id))) dup = remember(`id:${c.id}`, c.id);
    let twice: string | undefined;
    if (c.who !== undefined && c.day !== undefined) {
      const o = remember(`p:${c.who}|${c.day}|${c.total}|${c.care}|${c.disease ?? ""}`, c.id);
      if (dup === undefined) dup = o;
      const key = `${c.who}|${c.day}|${c.care}|${c.disease ?? ""}`;
      const first = stays.get(key);
      if (!first) stays.set(key, { id: c.id, settlement: c.settlement });
      else if (first.settlement !== c.settlement) twice = first.id;
    }
    return { dup, twice };
  });
}


/** duplicateOf alone (markDuplicates' use): the duplicate ids of the reference. */
function oursDupOnly(claims: C[]): (string | undefined)[] {
  const s = new SeenClaims();
  return claims.map((c) => s.duplicateOf(c.id, c.who, c.day, c.total, c.care, c.disease));
}

const claim = fc.record({
  id: fc.oneof(fc.constantFrom("K1", "K2", "K3", "", "row 5", "row 7"), fc.integer({ min: 1, max: 400 }).map((n) => `C${n}`)),
  who: fc.option(fc.constantFrom("620102199001011234", "张伟", "李娜", "王芳"), { nil: undefined }),
  day: fc.option(fc.integer({ min: 19_000, max: 19_004 }), { nil: undefined }),
  total: fc.oneof(fc.constantFrom(100, 250, 0, -0, NaN), fc.integer({ min: 0, max: 3 })),
  care: fc.constantFrom("inpatient", "chronic"),
  disease: fc.option(fc.constantFrom("", "高血压", "糖尿病"), { nil: undefined }),
  settlement: fc.constantFrom<Settlement>("direct", "manual"),
});

describe("SeenClaims names the claims the string keys named", () => {
  it("duplicates and stays settled twice, on random batches where keys repeat", () => {
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 300 }), (claims) => {
        const ref = reference(claims);
        const s = new SeenClaims();
        claims.forEach((c, i) => {
          const r = s.check(c.id, c.who, c.day, c.total, c.care, c.disease, c.settlement);
          expect([i, r.dup]).toEqual([i, ref[i]!.dup]);
          expect([i, r.twice !== undefined]).toEqual([i, ref[i]!.twice !== undefined]);
          if (r.twice) {
            const key = c.settlement === "manual" ? "audit.manualAfterDirect" : "audit.directAfterManual";
            expect(r.twice.en).toBe(say("en", key, { other: ref[i]!.twice! }));
          }
        });
        expect(oursDupOnly(claims)).toEqual(ref.map((x) => x.dup));
      }),
      { numRuns: 300 },
    );
  });

  it("totals compared as their text was: 0 and −0 alike, NaN like NaN", () => {
    const claims: C[] = [
      { id: "A", who: "张伟", day: 19_000, total: NaN, care: "inpatient", settlement: "direct" },
      { id: "B", who: "张伟", day: 19_000, total: NaN, care: "inpatient", settlement: "direct" },
      { id: "C", who: "张伟", day: 19_001, total: 0, care: "inpatient", settlement: "direct" },
      { id: "D", who: "张伟", day: 19_001, total: -0, care: "inpatient", settlement: "direct" },
    ];
    expect(reference(claims).map((x) => x.dup)).toEqual([undefined, "A", undefined, "C"]);
    expect(oursDupOnly(claims)).toEqual([undefined, "A", undefined, "C"]);
    const s = new SeenClaims();
    expect(claims.map((c) => s.check(c.id, c.who, c.day, c.total, c.care, c.disease, c.settlement).dup)).toEqual([undefined, "A", undefined, "C"]);
  });

  it("a person with more visits than the short list holds (a name shared by many claims) is answered the same", () => {
    const claims: C[] = [];
    for (let i = 0; i < 500; i++) claims.push({ id: `N${i % 450}`, who: "张伟", day: 19_000 + (i % 60), total: (i * 7) % 5, care: i % 3 ? "inpatient" : "chronic", disease: i % 4 ? undefined : "高血压", settlement: i % 7 ? "direct" : "manual" });
    const ref = reference(claims);
    const s = new SeenClaims();
    const got = claims.map((c) => s.check(c.id, c.who, c.day, c.total, c.care, c.disease, c.settlement));
    expect(got.map((r) => r.dup)).toEqual(ref.map((x) => x.dup));
    expect(got.map((r, i) => (r.twice ? r.twice.en === say("en", claims[i]!.settlement === "manual" ? "audit.manualAfterDirect" : "audit.directAfterManual", { other: ref[i]!.twice! }) : ref[i]!.twice === undefined))).toEqual(claims.map(() => true));
    expect(ref.filter((x) => x.dup).length).toBeGreaterThan(50);
    expect(ref.filter((x) => x.twice).length).toBeGreaterThan(50);
    expect(oursDupOnly(claims)).toEqual(ref.map((x) => x.dup));
  });
});
