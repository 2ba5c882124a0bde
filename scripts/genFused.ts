/**
 * The fused batch loops of the compositions (issue 16): for each composition listed below, one loop
 * over the claims that runs every step's per-claim body (`claim` of the step, src/engine/steps/*.ts)
 * for one claim before the next, spliced from the body's own source with the TypeScript compiler API:
 *
 * - the body's parameters become the loop's (`s`, `spec` the step's compiled parameters and spec,
 *   `tr` null: a statement `if (tr …) …` is left out), its locals are renamed per step;
 * - `return` ends the step (`break` out of its labelled block); `refuseClaim(w, out, i, p)` and
 *   `fail(w, out, i, e)` end the claim (the problem recorded, `continue` with the next claim: no dead
 *   column, no dead checks);
 * - a work column (`w.pay[i]`, …) is a local of the claim; a result column that a body writes and a
 *   later body reads (`out.policyScope[i]`, …) is written where it was and read back from a local
 *   (a layer named to `layerNotComputable` and its kin is read from its column: those write NaN there);
 * - claim columns are read once per claim.
 *
 * The arithmetic stays where it is written, once; the trace path (one claim, `tr` set) runs the steps'
 * own loops. `npm run gen:fused` writes src/engine/fused/*.generated.ts; test/fused.test.ts checks
 * they are current and that the fused loop answers as the steps do.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "..");

export interface Target {
  /**
   * The composition's module and the exported name of its kernel: `export const <name> = compose({...})`,
   * or a function that builds one from options, `export function <name>(…) { … return compose({...}) }`.
   */
  kernel: string;
  name: string;
  /**
   * For a composition built from options: the shape the loop is for, as the names of its steps in
   * order. A step the composition lists as `...(option ? [step(…)] : [])` is in the shape when named;
   * every other step always is. The options' values inside a step are its spec's (data the bodies
   * test), so one loop serves every composition of the shape (compose picks it by the step names).
   */
  shape?: readonly string[];
  /** The generated module and the exported fused loop. */
  out: string;
  fn: string;
}

/** Liaoning cities' inpatient rule (src/engine/kernels/shenyangInpatient.ts cityInpatient): Shenyang's steps, and the liaoning-city set's. */
const CITY_STEPS = ["policyScope", "threshold", "ratio", "annualCap", "largeAmount"] as const;

export const TARGETS: readonly Target[] = [
  { kernel: "src/engine/kernels/lanzhouEmployeeInpatient.ts", name: "lanzhouEmployeeInpatient", out: "src/engine/fused/lanzhouEmployeeInpatient.generated.ts", fn: "fusedLanzhouEmployeeInpatient" },
  { kernel: "src/engine/kernels/lanzhouResidentInpatient.ts", name: "lanzhouResidentInpatient", out: "src/engine/fused/lanzhouResidentInpatient.generated.ts", fn: "fusedLanzhouResidentInpatient" },
  { kernel: "src/engine/kernels/shenyangInpatient.ts", name: "cityInpatient", shape: [...CITY_STEPS, "supplementary", "seriousIllness"], out: "src/engine/fused/shenyangInpatient.generated.ts", fn: "fusedShenyangInpatient" },
  { kernel: "src/engine/kernels/shenyangInpatient.ts", name: "cityInpatient", shape: ["refuse", "example", ...CITY_STEPS, "seriousIllness"], out: "src/engine/fused/liaoningCityInpatient.generated.ts", fn: "fusedLiaoningCityInpatient" },
];

/** Result columns the kernel does not write: read once per claim like a claim column. */
const READ_ONLY_RESULTS = new Set(["route", "versionDay"]);

class GenError extends Error {}

function fail(node: ts.Node, why: string): never {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
  throw new GenError(`${relative(ROOT, sf.fileName)}:${line + 1}: ${why}: ${node.getText().slice(0, 80)}`);
}

interface StepBody {
  /** The step's name (its `name:` in the factory). */
  stepName: string;
  body: ts.FunctionDeclaration;
  params: ts.Symbol[];
}

function program(targets: readonly Target[]): ts.Program {
  const files = targets.map((t) => join(ROOT, t.kernel));
  return ts.createProgram(files, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, noEmit: true, skipLibCheck: true, resolveJsonModule: true, types: [] });
}

function declOf(checker: ts.TypeChecker, id: ts.Node): ts.Declaration | undefined {
  let sym = checker.getSymbolAtLocation(id);
  if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  return sym?.declarations?.[0];
}

/** The `compose({...})` call of a target: the initializer of `export const <name>`, or the one inside `function <name>`. */
function composeCall(sf: ts.SourceFile, t: Target): ts.CallExpression {
  let call: ts.CallExpression | undefined;
  const isCompose = (n: ts.Node): n is ts.CallExpression => ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "compose";
  sf.forEachChild((n) => {
    if (!t.shape && ts.isVariableStatement(n))
      for (const d of n.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.name.text === t.name && d.initializer && ts.isCallExpression(d.initializer)) call = d.initializer;
    if (t.shape && ts.isFunctionDeclaration(n) && n.name?.text === t.name) {
      const calls: ts.CallExpression[] = [];
      const visit = (x: ts.Node): void => {
        if (isCompose(x)) calls.push(x);
        else if (!ts.isFunctionLike(x) || x === n) x.forEachChild(visit);
      };
      n.forEachChild(visit);
      if (calls.length !== 1) fail(n, `${calls.length} compose(…) calls in the function (one expected)`);
      call = calls[0];
    }
  });
  if (!call) throw new GenError(t.shape ? `${t.kernel}: no \`export function ${t.name}(…) { … compose({...}) }\`` : `${t.kernel}: no \`export const ${t.name} = compose({...})\``);
  return call;
}

/** A step of the steps array: a factory call, or `...(option ? [factory(…)] : [])` (optional: in a shape by name). */
function stepCall(el: ts.Expression): { call: ts.CallExpression; optional: boolean } {
  if (ts.isCallExpression(el)) return { call: el, optional: false };
  if (ts.isSpreadElement(el)) {
    let x = el.expression;
    while (ts.isParenthesizedExpression(x)) x = x.expression;
    if (ts.isConditionalExpression(x) && ts.isArrayLiteralExpression(x.whenTrue) && x.whenTrue.elements.length === 1 && ts.isCallExpression(x.whenTrue.elements[0]!) && ts.isArrayLiteralExpression(x.whenFalse) && x.whenFalse.elements.length === 0)
      return { call: x.whenTrue.elements[0]! as ts.CallExpression, optional: true };
  }
  fail(el, "a step that is not a factory call or `...(option ? [factory(…)] : [])`");
}

/** The steps of the composition (of the target's shape), each with its per-claim body. */
function stepsOf(p: ts.Program, t: Target): StepBody[] {
  const checker = p.getTypeChecker();
  const sf = p.getSourceFile(join(ROOT, t.kernel))!;
  const call = composeCall(sf, t);
  const def = call.arguments[0];
  if (!def || !ts.isObjectLiteralExpression(def)) fail(call, "compose's argument is not an object literal");
  const stepsProp = def.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === "steps");
  if (!stepsProp || !ts.isPropertyAssignment(stepsProp) || !ts.isArrayLiteralExpression(stepsProp.initializer)) fail(def, "no steps: [ … ] array literal");
  const all = stepsProp.initializer.elements.map((el) => {
    const { call: sc, optional } = stepCall(el);
    if (optional && !t.shape) fail(el, "an optional step in a composition without shapes (give the target a shape)");
    return { ...stepOf(checker, sc), optional, el };
  });
  if (!t.shape) return all;
  const chosen = all.filter((st) => {
    if (t.shape!.includes(st.stepName)) return true;
    if (!st.optional) fail(st.el, `the shape ${JSON.stringify(t.shape)} leaves out a step the composition always has`);
    return false;
  });
  const names = chosen.map((st) => st.stepName);
  if (names.join() !== t.shape.join()) fail(stepsProp, `the shape ${JSON.stringify(t.shape)} is not the composition's steps in order (it has ${JSON.stringify(all.map((st) => st.stepName))})`);
  return chosen;
}

/** A step factory's call: its name and per-claim body. */
function stepOf(checker: ts.TypeChecker, el: ts.CallExpression): StepBody {
  const factory = declOf(checker, el.expression);
  if (!factory || !ts.isFunctionDeclaration(factory)) fail(el, "the step factory is not a function declaration");
  let ret: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression && ts.isObjectLiteralExpression(n.expression)) ret = n.expression;
    else if (!ts.isFunctionLike(n) || n === factory) n.forEachChild(visit);
  };
  factory.forEachChild(visit);
  if (!ret) fail(factory, "the step factory returns no object literal");
  const prop = (name: string) => ret!.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === name);
  const claim = prop("claim");
  const nameProp = prop("name");
  if (!claim || !ts.isPropertyAssignment(claim) || !ts.isIdentifier(claim.initializer)) fail(ret, "the step has no `claim: <function>` (its per-claim body)");
  if (!nameProp || !ts.isPropertyAssignment(nameProp) || !ts.isStringLiteral(nameProp.initializer)) fail(ret, "the step has no `name: \"…\"`");
  const body = declOf(checker, claim.initializer);
  if (!body || !ts.isFunctionDeclaration(body) || !body.body) fail(claim, "the per-claim body is not a function declaration");
  if (body.parameters.length !== 7) fail(body, "a per-claim body takes (c, i, s, spec, w, out, tr)");
  return { stepName: nameProp.initializer.text, body, params: body.parameters.map((x) => checker.getSymbolAtLocation(x.name)!) };
}

const C = 0, I = 1, S = 2, SPEC = 3, W = 4, OUT = 5, TR = 6;

/** One composition's fused loop, as source. */
function generate(p: ts.Program, t: Target): string {
  const checker = p.getTypeChecker();
  const steps = stepsOf(p, t);
  const outFile = join(ROOT, t.out);
  const imports = new Map<string, Map<string, boolean>>(); // module → name → type only
  const importName = (from: string, name: string, typeOnly: boolean) => {
    let spec = relative(dirname(outFile), from).replace(/\\/g, "/").replace(/\.tsx?$/, "");
    if (!spec.startsWith(".")) spec = "./" + spec;
    for (const [m, names] of imports) if (m !== spec && names.has(name)) throw new GenError(`${name} is imported from both ${m} and ${spec}`);
    let names = imports.get(spec);
    if (!names) imports.set(spec, (names = new Map()));
    names.set(name, (names.get(name) ?? true) && typeOnly);
  };

  const paramIndex = (st: StepBody, id: ts.Node): number => {
    const sym = checker.getSymbolAtLocation(id);
    return sym ? st.params.indexOf(sym) : -1;
  };
  /** `out.X[i]` / `w.X[i]` / `c.X[i]`: [which parameter, column] */
  const columnAccess = (st: StepBody, n: ts.Node): [number, string] | null => {
    if (!ts.isElementAccessExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !ts.isIdentifier(n.expression.expression)) return null;
    const k = paramIndex(st, n.expression.expression);
    if (k !== C && k !== W && k !== OUT) return null;
    if (!ts.isIdentifier(n.argumentExpression) || paramIndex(st, n.argumentExpression) !== I) fail(n, "a column read at another index than the claim's");
    return [k, n.expression.name.text];
  };
  /** `if (tr) …` or `if (tr && …) …`: the trace's, left out of the fused loop. */
  const isTraceIf = (st: StepBody, n: ts.IfStatement): boolean => {
    const cond = n.expression;
    return (ts.isIdentifier(cond) && paramIndex(st, cond) === TR) || (ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && ts.isIdentifier(cond.left) && paramIndex(st, cond.left) === TR);
  };
  const isAssignTarget = (n: ts.Node) => ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;

  // Which result columns live in locals: written by a body and read by a later one, never named as a layer.
  const written = new Set<string>();
  const read = new Set<string>();
  const named = new Set<string>();
  const workRead = new Set<string>();
  for (const st of steps) {
    const scan = (n: ts.Node): void => {
      if (ts.isIfStatement(n) && isTraceIf(st, n)) return n.elseStatement && scan(n.elseStatement);
      const col = columnAccess(st, n);
      if (col && col[0] === W && !isAssignTarget(n)) workRead.add(col[1]);
      if (col && col[0] === OUT) {
        if (isAssignTarget(n)) {
          if ((n.parent as ts.BinaryExpression).operatorToken.kind !== ts.SyntaxKind.EqualsToken) fail(n.parent, "a compound assignment to a column");
          written.add(col[1]);
        } else read.add(col[1]);
      }
      if (ts.isStringLiteral(n)) named.add(n.text);
      if (ts.isFunctionLike(n) && n !== st.body) fail(n, "a function inside a per-claim body");
      n.forEachChild(scan);
    };
    st.body.body!.forEachChild(scan);
  }
  const cached = new Set([...written].filter((x) => read.has(x) && !named.has(x)));

  const hoisted = new Map<string, string>(); // name → initializer, before the loop
  const perClaim = new Map<string, string>(); // name → initializer, at the claim's top
  const locals = new Set<string>(); // `let` locals of the claim, starting at 0
  const labels = new Set<number>();
  const stepUsed = new Set<string>();

  const emitStep = (st: StepBody, k: number): string => {
    const sf = st.body.getSourceFile();
    const text = sf.text;
    const sName = `s${k}`;
    const use = (name: string, init: string) => (hoisted.set(name, init), name);
    const useStep = () => (stepUsed.add(`${k}:s`), sName);
    const column = (which: number, col: string): string => {
      if (which === C) {
        use(`c_${col}`, `c.${col}`);
        return perClaim.has(`c_${col}_i`) ? `c_${col}_i` : (perClaim.set(`c_${col}_i`, `c_${col}[i]!`), `c_${col}_i`);
      }
      if (which === W) {
        if (col === "dead") fail(st.body, "a body reads the dead column");
        locals.add(`w_${col}`);
        return `w_${col}`;
      }
      if (READ_ONLY_RESULTS.has(col)) {
        use(`o_${col}`, `out.${col}`);
        if (!perClaim.has(`o_${col}_i`)) perClaim.set(`o_${col}_i`, `o_${col}[i]!`);
        return `o_${col}_i`;
      }
      if (cached.has(col)) {
        locals.add(`v_${col}`);
        return `v_${col}`;
      }
      return `${use(`o_${col}`, `out.${col}`)}[i]`;
    };

    const emit = (n: ts.Node): string => {
      // statements
      if (ts.isIfStatement(n)) {
        if (isTraceIf(st, n)) return n.elseStatement ? emit(n.elseStatement) : "";
      }
      if (ts.isReturnStatement(n)) {
        if (n.expression) fail(n, "a body returns a value");
        labels.add(k);
        return `break step${k};`;
      }
      if (ts.isBlock(n) || ts.isSourceFile(n)) return emitStatements(n, n.statements);
      if (ts.isExpressionStatement(n) && ts.isBinaryExpression(n.expression) && n.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // a work column no later step reads (the trace's): not kept
        const lc = columnAccess(st, n.expression.left);
        if (lc && lc[0] === W && !workRead.has(lc[1])) {
          if (!ts.isIdentifier(n.expression.right)) fail(n, "a work column no step reads, written from an expression");
          return "";
        }
      }
      if (ts.isExpressionStatement(n) && ts.isCallExpression(n.expression)) {
        const end = claimEnd(n.expression);
        if (end) return end;
      }
      // expressions
      if (ts.isShorthandPropertyAssignment(n)) return `${n.name.text}: ${emit(n.name)}`;
      const col = columnAccess(st, n);
      if (col) {
        const target = column(col[0], col[1]);
        return target;
      }
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const lc = columnAccess(st, n.left);
        if (lc) {
          if (lc[0] === C) fail(n, "a body writes a claim column");
          const rhs = emit(n.right);
          if (lc[0] === OUT && cached.has(lc[1])) return `${use(`o_${lc[1]}`, `out.${lc[1]}`)}[i] = ${column(OUT, lc[1])} = ${rhs}`;
          return `${column(lc[0], lc[1])} = ${rhs}`;
        }
      }
      if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && paramIndex(st, n.expression) === S && !(ts.isCallExpression(n.parent) && n.parent.expression === n) && !isAssignTarget(n)) {
        useStep();
        return use(`s${k}_${n.name.text}`, `${sName}.${n.name.text}`);
      }
      if (ts.isIdentifier(n)) return identifier(n);
      return children(n);
    };
    const children = (n: ts.Node): string => {
      let s = "";
      let pos = n.getStart(sf);
      for (const ch of n.getChildren(sf)) {
        if (ch.kind === ts.SyntaxKind.SyntaxList) {
          s += text.slice(pos, ch.getStart(sf)) + children(ch);
        } else s += text.slice(pos, ch.getStart(sf)) + emit(ch);
        pos = ch.getEnd();
      }
      return s + text.slice(pos, n.getEnd());
    };
    const emitStatements = (n: ts.Node, list: ts.NodeArray<ts.Statement>): string => {
      // a block up to a statement that ends the claim (what follows it is never reached)
      let s = "";
      let pos = n.getStart(sf);
      const open = ts.isBlock(n) ? "{" : "";
      if (open) pos += 1;
      s += open;
      for (const x of list) {
        const e = emit(x);
        s += text.slice(pos, x.getStart(sf)) + e;
        pos = x.getEnd();
        if (e.endsWith("continue claims;")) break;
      }
      const last = list[list.length - 1];
      return s + text.slice(last ? last.getEnd() : pos, n.getEnd());
    };
    /** refuseClaim / fail: the claim's problem, then the next claim. */
    const claimEnd = (call: ts.CallExpression): string | null => {
      const d = declOf(checker, call.expression);
      if (!d || !ts.isFunctionDeclaration(d) || !d.name || !d.getSourceFile().fileName.endsWith("steps/compose.ts")) return null;
      const args = call.arguments;
      const line = text.slice(text.lastIndexOf("\n", call.getStart(sf)) + 1, call.getStart(sf));
      const indent = "\n" + line.match(/^ */)![0];
      // two statements where the body had one: braced unless the call stood in a block
      const stmt = call.parent;
      const [open, close] = ts.isBlock(stmt.parent) || ts.isSourceFile(stmt.parent) ? ["", ""] : ["{ ", " }"];
      if (d.name.text === "refuseClaim") {
        use("o_problems", "out.problems");
        return `${open}o_problems[i] = ${emit(args[3]!)};${indent}continue claims;${close}`;
      }
      if (d.name.text === "fail") {
        importName(join(ROOT, "src/engine/kernel.ts"), "claimFailed", false);
        return `${open}claimFailed(out, i, ${emit(args[3]!)});${indent}continue claims;${close}`;
      }
      return null;
    };
    const identifier = (n: ts.Identifier): string => {
      const pi = paramIndex(st, n);
      if (pi === C) return "c";
      if (pi === I) return "i";
      if (pi === OUT) return "out";
      if (pi === TR) return "null";
      if (pi === S) return useStep();
      if (pi === SPEC) return (stepUsed.add(`${k}:spec`), `spec${k}`);
      if (pi === W) fail(n, "the work columns passed on whole");
      // a property name, a label: as written
      const parent = n.parent;
      if ((ts.isPropertyAccessExpression(parent) && parent.name === n) || (ts.isPropertyAssignment(parent) && parent.name === n) || ts.isQualifiedName(parent)) {
        if (ts.isQualifiedName(parent) && parent.left === n) return identifier2(n);
        return n.text;
      }
      return identifier2(n);
    };
    const identifier2 = (n: ts.Identifier): string => {
      let sym = checker.getSymbolAtLocation(n);
      if (!sym) return n.text;
      const alias = sym.flags & ts.SymbolFlags.Alias;
      const target = alias ? checker.getAliasedSymbol(sym) : sym;
      const d = (alias ? sym : target).declarations?.[0];
      if (!d) return n.text;
      if (d.getSourceFile() === sf && d.pos >= st.body.pos && d.end <= st.body.end) return `${n.text}_${k}`;
      const td = target.declarations?.[0];
      const file = td?.getSourceFile().fileName ?? "";
      if (!file.startsWith(ROOT + "/src/")) return n.text; // the language's own (Math, Number, …)
      const typeOnly = !(target.flags & ts.SymbolFlags.Value);
      // the name where it is declared (imports point there)
      const isTop = (x: ts.Node) => ts.isSourceFile(x.parent) || (ts.isVariableDeclarationList(x.parent) && ts.isVariableStatement(x.parent.parent) && ts.isSourceFile(x.parent.parent.parent));
      if (!td || !isTop(td)) fail(n, "a name the generated module cannot import");
      const stmt = ts.isVariableDeclaration(td) ? td.parent.parent : td;
      const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) fail(n, `export it from ${relative(ROOT, file)} (the fused loop imports it)`);
      importName(file, target.name, typeOnly);
      return n.text === target.name ? n.text : target.name;
    };

    const first = st.body.body!;
    let code = emitStatements(first, first.statements);
    return code;
  };

  const bodies = steps.map((st, k) => emitStep(st, k));
  const blocks = bodies.map((b, k) => `    // ${steps[k]!.stepName} (${relative(ROOT, steps[k]!.body.getSourceFile().fileName)} ${steps[k]!.body.name!.text})\n    ${labels.has(k) ? `step${k}: ` : ""}${reindent(b)}`);
  for (const [k, st] of steps.entries()) if (stepUsed.has(`${k}:s`) || stepUsed.has(`${k}:spec`)) importName(st.body.getSourceFile().fileName, st.body.name!.text, true);
  importName(join(ROOT, "src/engine/columns.ts"), "ClaimColumns", true);
  importName(join(ROOT, "src/engine/columns.ts"), "ResultColumns", true);
  importName(join(ROOT, "src/engine/kernel.ts"), "personalOf", false);
  importName(join(ROOT, "src/engine/steps/compose.ts"), "Fused", true);

  const pre: string[] = [];
  for (const [k, st] of steps.entries()) {
    const T = (n: number) => `Parameters<typeof ${st.body.name!.text}>[${n}]`;
    if (stepUsed.has(`${k}:s`)) pre.push(`  const s${k} = ps[${k}] as ${T(2)};`);
    if (stepUsed.has(`${k}:spec`)) pre.push(`  const spec${k} = steps[${k}]!.spec as ${T(3)};`);
  }
  for (const [name, init] of [...hoisted].sort()) pre.push(`  const ${name} = ${init};`);
  const top: string[] = [];
  for (const [name, init] of perClaim) top.push(`    const ${name} = ${init};`);
  for (const name of [...locals].sort()) top.push(`    let ${name} = 0;`);

  const importLines = [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([m, names]) => {
      const all = [...names].sort(([a], [b]) => a.localeCompare(b));
      const typesOnly = all.every(([, t]) => t);
      return `import ${typesOnly ? "type " : ""}{ ${all.map(([n, t]) => (t && !typesOnly ? `type ${n}` : n)).join(", ")} } from "${m}";`;
    });
  const uses = (name: string) => pre.some((l) => l.includes(name)) || bodies.some((b) => b.includes(name));
  const src = `// Generated by scripts/genFused.ts from the steps of ${t.kernel} (${t.name}): do not edit; npm run gen:fused.
/* eslint-disable */
${importLines.join("\n")}

/** ${t.name}'s batch path without a trace: every step for one claim, then the next claim (see scripts/genFused.ts). */
export const ${t.fn}: Fused = {
  steps: ${JSON.stringify(steps.map((s) => s.stepName))},
  settle(c: ClaimColumns, idx: Int32Array, from: number, to: number, ps: readonly unknown[], ${uses("steps[") ? "steps" : "_steps"}: Parameters<Fused["settle"]>[5], out: ResultColumns): void {
${pre.map((l) => "  " + l).join("\n")}
    const o_personal = out.personal;
    claims: for (let j = from; j < to; j++) {
      const i = idx[j]!;
${top.map((l) => "  " + l).join("\n")}
${blocks.map((b) => b.split("\n").map((l) => (l ? "  " + l : l)).join("\n")).join("\n")}
      o_personal[i] = personalOf(c, i, out);
    }
  },
};
`;
  // the lines the trace's statements left empty
  return src.replace(/\n[ \t]*(?=\n)/g, "");
}

/** The body's lines moved to the loop's indentation. */
function reindent(code: string): string {
  const lines = code.split("\n");
  const rest = lines.slice(1).filter((l) => l.trim());
  const min = rest.length ? Math.min(...rest.map((l) => l.match(/^ */)![0].length)) : 0;
  return [lines[0], ...lines.slice(1).map((l) => (l.trim() ? "    " + l.slice(Math.min(min, l.match(/^ */)![0].length)) : ""))].join("\n");
}

/** Every generated module (of `targets`, TARGETS unless given): path → text (formatted as the repository's code is). */
export function generateAll(targets: readonly Target[] = TARGETS): Map<string, string> {
  const p = program(targets);
  const out = new Map<string, string>();
  for (const t of targets) out.set(t.out, generate(p, t));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [path, text] of generateAll()) {
    const file = join(ROOT, path);
    let old = "";
    try {
      old = readFileSync(file, "utf8");
    } catch {}
    if (old === text) continue;
    stale++;
    if (check) console.error(`${path} is not current: npm run gen:fused`);
    else {
      writeFileSync(file, text);
      console.log(`wrote ${path}`);
    }
  }
  if (check && stale) process.exit(1);
}
