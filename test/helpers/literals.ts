/**
 * Message-shaped string literals in source code: what test/no-literals.test.ts forbids outside the
 * message catalogs (src/messages) and the data tables. Also a command that counts them by folder,
 * for the folders not yet converted:
 *
 *   npx tsx test/helpers/literals.ts src/engine src/trace.ts io cli functions taskpane
 *
 * Two kinds of literal are found (string literals, the static text of template literals and JSX text;
 * regular expressions, comments, import paths and literal types are not looked at):
 * - "cjk": a Chinese character, CJK or full-width punctuation (（）：，、…) or Chinese quotes “”;
 * - "english": static text with three or more Latin words of two letters or more separated by spaces
 *   ("expected a ratio", "Unknown parameter …"): a sentence a person would read.
 *
 * Not messages, and left alone wherever they are:
 * - developer diagnostics: the direct argument of `new SomethingError(…)` (but not of the errors whose
 *   message is shown to the user as it is: `UsageError`, the command line's), of `super(…)` in an Error
 *   class, of the parameter-file loader's `c.err(path, …)` and of a catalog loader's `fail("…")`: an
 *   invariant a programmer or the author of a shipped data file breaks, never a user;
 * - citations: the value of a `section`, `excerpt` or `slip` property (the documents' own words);
 * - scenario names: the first argument of `withOverrides(…)` (an internal name of a variant registry).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

export const ROOT = join(__dirname, "..", "..");

export interface Literal {
  /** Path from the project root, with forward slashes. */
  file: string;
  line: number;
  /** The top-level const it is declared in, if any. */
  declaration?: string;
  kind: "cjk" | "english";
  text: string;
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\u201c\u201d]/;
const WORDS = /[A-Za-z]{2,}(?:\s+[A-Za-z]{2,}){2,}/;

/** The literal itself, or the template expression it is part of. */
function outer(node: ts.Node): ts.Node {
  return ts.isTemplateHead(node.parent) || ts.isTemplateSpan(node.parent) ? node.parent.parent : node;
}

/** Errors whose message a user reads as it is (the command line prints a UsageError's message). */
const USER_ERRORS = new Set(["UsageError"]);

function isDeveloperDiagnostic(node: ts.Node): boolean {
  let n = outer(node);
  if (ts.isArrayLiteralExpression(n.parent)) n = n.parent; // new ParamFileError([`…`])
  const call = n.parent;
  if (!call || !(ts.isNewExpression(call) || ts.isCallExpression(call)) || !call.arguments?.includes(n as ts.Expression)) return false;
  const callee = call.expression.getText();
  if (ts.isNewExpression(call)) return /Error$/.test(callee) && !USER_ERRORS.has(callee);
  if (call.expression.kind === ts.SyntaxKind.SuperKeyword) {
    for (let p: ts.Node | undefined = call.parent; p; p = p.parent)
      if (ts.isClassDeclaration(p)) return (p.heritageClauses ?? []).some((h) => /Error$/.test(h.getText()));
    return false;
  }
  if (/^(c|this)\.err$/.test(callee)) return call.arguments[1] === n;
  if (callee === "fail") return call.arguments.length === 1;
  if (/\.withOverrides$/.test(callee)) return call.arguments[0] === n;
  return false;
}

const CITATION_PROPERTIES = new Set(["section", "excerpt", "slip"]);

function isNotAMessage(node: ts.Node): boolean {
  const n = outer(node);
  const p = n.parent;
  if (!p) return false;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p)) return true;
  if (ts.isLiteralTypeNode(p)) return true;
  if (ts.isPropertyAssignment(p) && p.initializer === n && CITATION_PROPERTIES.has(p.name.getText().replace(/^["']|["']$/g, ""))) return true;
  return false;
}

/** The name of the const a literal is declared in (for data tables kept in a code module), if any. */
export function declaredIn(node: ts.Node): string | undefined {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && ts.isSourceFile(p.parent.parent.parent)) return p.name.text;
  return undefined;
}

/** The message-shaped literals of one TypeScript source. */
export function literalsOf(file: string, source: string): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Literal[] = [];
  const check = (node: ts.Node, text: string) => {
    const kind = CJK.test(text) ? "cjk" : WORDS.test(text) ? "english" : null;
    if (!kind || isNotAMessage(node) || isDeveloperDiagnostic(node)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const declaration = declaredIn(node);
    out.push({ file, line, kind, text: text.length > 80 ? text.slice(0, 77) + "…" : text, ...(declaration ? { declaration } : {}) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node)) check(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" "));
    else if (ts.isJsxText(node)) check(node, node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sources(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.(ts|tsx)$/.test(path) && !path.endsWith(".d.ts") ? [path] : [];
  return readdirSync(path).flatMap((n) => sources(join(path, n)));
}

/** Every message-shaped literal under the given files or folders (paths from the project root). */
export function findLiterals(paths: readonly string[], skip: (file: string) => boolean = () => false): Literal[] {
  return paths
    .flatMap((p) => sources(join(ROOT, p)))
    .map((abs) => relative(ROOT, abs).split(sep).join("/"))
    .filter((f) => !skip(f))
    .flatMap((f) => literalsOf(f, readFileSync(join(ROOT, f), "utf8")));
}

/** Offenders as a person fixes them: file:line, kind, text. */
export function listing(ls: readonly Literal[]): string {
  return ls.map((l) => `${l.file}:${l.line}  [${l.kind}]  ${JSON.stringify(l.text)}`).join("\n");
}

if (require.main === module) {
  const paths = process.argv.slice(2);
  for (const p of paths) {
    const ls = findLiterals([p]);
    console.log(`${p}\t${ls.length}\t(cjk ${ls.filter((l) => l.kind === "cjk").length}, english ${ls.filter((l) => l.kind === "english").length})`);
  }
}
