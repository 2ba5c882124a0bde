// @vitest-environment jsdom
/**
 * Start-up (taskpane/index.tsx, the one place Office.onReady is awaited): inside Excel the workbook's
 * date system is read after Office.onReady and handed to the custom functions with how to read it
 * again (functions/excel.ts setDateSystem); a function called before that waits, and outside Excel
 * the 1900 system is set. The modules are loaded afresh with office.js's globals in place, as the
 * add-in's page loads them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeExcel } from "../helpers/excelMock";

const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };
afterEach(() => {
  delete g.Excel;
  delete g.Office;
  vi.resetModules();
});

/** The page's globals as office.js leaves them; onReady answers when `ready` is called. */
function office(x: FakeExcel, host: string | null) {
  let ready: () => void = () => {};
  const answered = new Promise<void>((r) => (ready = r));
  g.Excel = x.api();
  g.Office = { ...x.office(), onReady: (cb: (i: { host: string | null }) => void) => void answered.then(() => cb({ host })) };
  return { ready };
}
const serial1904 = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000 + 25_569 - 1462;
const ID = "lanzhou.employee.inpatient.threshold";

describe("the date system at start-up", () => {
  it("inside Excel: read after Office.onReady, handed to the functions; a call before it waits, and each pass reads it again", async () => {
    const x = new FakeExcel({});
    x.dateSystem = "1904";
    const { ready } = office(x, "Excel");
    vi.resetModules();
    const E = await import("../../functions/excel");
    const F = await import("../../functions/functions");
    await import("../../taskpane/index");
    // Excel calls a function before the pane is ready: it waits, rather than read a 1904 serial as a 1900 one
    const early = F.policyParamCall(ID, serial1904("2021-07-01"), "3A");
    let answered = false;
    void early.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    expect(x.dateCalls).toBe(0);
    ready();
    const value = await early;
    expect(E.currentDateSystem()).toBe("1904");
    expect(value).toBe(F.policyParam(ID, "2021-07-01", "3A"));
    expect(typeof value).toBe("number");
    // read at start-up, and again for the call's pass
    expect(x.dateCalls).toBe(2);
    x.dateSystem = "1900";
    expect(await F.policyParamCall(ID, serial1904("2021-07-01") + 1462, "3A")).toBe(value);
    expect(E.currentDateSystem()).toBe("1900");
    expect(x.log).toEqual([]);
  });

  it("outside Excel (Office.onReady without a host): the 1900 system, no request", async () => {
    const x = new FakeExcel({});
    const { ready } = office(x, null);
    vi.resetModules();
    const E = await import("../../functions/excel");
    await import("../../taskpane/index");
    E.setDateSystem("unknown");
    ready();
    await new Promise((r) => setTimeout(r, 20));
    expect(E.currentDateSystem()).toBe("1900");
    expect(x.dateCalls).toBe(0);
  });
});
