/**
 * Materials lists (手工报销 and 备案): the national template (NA 附件2 三(二), 一(一)), the Lanzhou lists
 * (maternity, cross-region filing, chronic care, two diseases, haemophilia), Shenyang's emergency filing
 * and Liaoning's long-term filing, so an audit can say what is missing. An open-ended list (the
 * document ends with …… or 相关资料) is a minimum, and the answer says so.
 */
import raw from "./data/materials.json";
import type { Ref } from "../docs";
import type { Text } from "../text";
import { nameKey } from "./chronic";

export interface MaterialItem {
  id: string;
  zh: string;
  en: string;
  aliases: string[];
  ref: Ref;
}

export interface MaterialKind {
  id: string;
  name: Text;
  appliesTo: { careType?: string[]; settlement?: string; insuredPlace?: string; scheme?: string; purpose?: string };
  items: MaterialItem[];
  openEnded?: boolean;
  note?: string;
}

export const MATERIAL_KINDS: readonly MaterialKind[] = (raw as unknown as { kinds: MaterialKind[] }).kinds;

export function materialKinds(q: { careType?: string; settlement?: string; insuredPlace?: string; scheme?: string; purpose?: string }): MaterialKind[] {
  return MATERIAL_KINDS.filter((k) => {
    const a = k.appliesTo;
    if (q.careType && a.careType && !a.careType.includes(q.careType)) return false;
    for (const key of ["settlement", "insuredPlace", "scheme", "purpose"] as const) if (q[key] && a[key] && a[key] !== q[key]) return false;
    return true;
  });
}

/** Which items of a kind the provided list (text, separated by 、,;) does not cover. */
export function missingMaterials(kind: MaterialKind, provided: string): { missing: MaterialItem[]; unknown: string[]; openEnded: boolean } {
  const given = provided
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const covered = new Set<string>();
  const unknown: string[] = [];
  // the items' names reduced once per call, not once per given item
  const keys = kind.items.map((it) => ({ it, names: [it.zh, it.id, ...it.aliases].map(nameKey) }));
  for (const g of given) {
    const k = nameKey(g);
    const hit = keys.find(({ names }) => names.some((n) => n === k || (k.length >= 2 && n.includes(k)) || (n.length >= 2 && k.includes(n))))?.it;
    if (hit) covered.add(hit.id);
    else unknown.push(g);
  }
  return { missing: kind.items.filter((it) => !covered.has(it.id)), unknown, openEnded: !!kind.openEnded };
}
