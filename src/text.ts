/** Every message the core shows a person exists in Chinese and English. */
export interface Text {
  zh: string;
  en: string;
}

export type Lang = "zh" | "en";

export function t(zh: string, en: string): Text {
  return { zh, en };
}
