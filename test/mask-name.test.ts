/** maskName counts code points without spreading the name into an array twice per row: the same answers as the definition it replaces, on names with astral characters and lone surrogates. */
import { expect, it } from "vitest";
import { maskName } from "../src/audit/report";
it("maskName = by code points", () => {
  const ref = (s: string | undefined) => (!s ? "" : [...s][0] + "*".repeat(Math.max([...s].length - 1, 1)));
  const xs = ["", "张", "张三", "欧阳娜娜", "𠀀x", "x𠀀", "𠀀𠀀𠀀", "\ud800", "\udc00a", "a\ud800", "\ud800\ud800\udc00", "ab\udc00\udc00"];
  let seed = 3; const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < 5000; i++) xs.push(Array.from({ length: 1 + Math.floor(r() * 6) }, () => String.fromCharCode([0x41, 0x4e00, 0xd840, 0xdc00][Math.floor(r() * 4)]! + Math.floor(r() * 3))).join(""));
  for (const s of xs) expect([s, maskName(s)]).toEqual([s, ref(s)]);
});
