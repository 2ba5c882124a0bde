/**
 * The details of the chosen entry: what its row says with the excerpts, for an emergency condition
 * the findings checker, then its formula and the actions that put the row or the formula into the
 * sheet (or on the clipboard). Under an emergency condition the formula carries the findings typed
 * into the checker, so the sheet answers as the checker did.
 */
import { forwardRef, useMemo } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { msg } from "../../../src/messages";
import { useT } from "../../i18n";
import type { Workbook } from "../../workbook/types";
import { FORMULA_TEXT_LIMIT, type Entry } from "./entry";
import { Facts } from "./Facts";
import { FindingsChecker } from "./FindingsChecker";
import { checkerFormula, checkFindings } from "./findingsCheck";
import { InsertActions } from "./InsertActions";
import { useCatalogStyles } from "./styles";

const useStyles = makeStyles({
  details: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    padding: "8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "anywhere",
    minWidth: 0,
  },
});

export const EntryDetails = forwardRef<HTMLElement, { entry: Entry; wb: Workbook | null; findings: string; onFindings: (text: string) => void }>(function EntryDetails(props, ref) {
  const s = useStyles();
  const c = useCatalogStyles();
  const { lang, s: say } = useT();
  const e = props.entry;
  const condition = e.item.kind === "emergency" ? e.item.c : null;
  const typed = condition !== null && props.findings.trim() !== "";
  const check = useMemo(() => (condition ? checkFindings(condition, props.findings) : null), [condition, props.findings]);
  const formula = typed ? checkerFormula(condition!.name[lang], props.findings) : e.formula;
  return (
    <section ref={ref} className={s.details} aria-label={say("pane.catalog.details")}>
      <h2 className={c.h2}>{e.title}</h2>
      <Facts item={e.item} />
      {condition && <FindingsChecker condition={condition} text={props.findings} onText={props.onFindings} check={check} />}
      <span className={c.note}>{say("pane.catalog.formula")}</span>
      {formula !== null && (
        <code className={c.formula} data-testid="catalog-formula">
          {formula}
        </code>
      )}
      {condition && <span className={c.note}>{say(typed ? "pane.catalog.formulaTyped" : "pane.catalog.formulaExample")}</span>}
      <InsertActions wb={props.wb} row={e.row} formula={formula} formulaBlocked={msg("pane.catalog.check.tooLong", { limit: FORMULA_TEXT_LIMIT })} resetKey={`${e.item.kind}:${e.key}:${formula ?? ""}`} />
    </section>
  );
});
