/** The small pieces of style the catalog screen's parts share (notes, citations, definition lists). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useCatalogStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: "anywhere", minWidth: 0 },
  cite: { display: "block", fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  h2: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, overflowWrap: "anywhere" },
  h3: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold, margin: 0, overflowWrap: "anywhere" },
  dl: { display: "grid", gridTemplateColumns: "max-content minmax(0, 1fr)", gap: "2px 8px", margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, minWidth: 0, overflowWrap: "anywhere" },
  tree: { margin: 0, paddingInlineStart: "18px" },
  excerpt: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  formula: { display: "block", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground3, padding: "4px 6px", borderRadius: tokens.borderRadiusSmall, wordBreak: "break-all" },
});
