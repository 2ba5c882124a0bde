import { FluentProvider, webLightTheme, Title3, Body1 } from "@fluentui/react-components";
import type { Lang } from "../src/text";

export function App(props: { inExcel: boolean; initialLang: Lang }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <Title3>医保核算 Claims Calculator</Title3>
      <Body1>{props.inExcel ? "Excel" : props.initialLang === "zh" ? "独立模式" : "standalone"}</Body1>
    </FluentProvider>
  );
}
