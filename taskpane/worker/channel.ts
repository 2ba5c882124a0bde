/**
 * Requests both ways over one worker port, each answered once, plus events a long job sends while
 * it runs (progress, a chunk of rows, a piece of the file). A failure crosses as words ({ zh, en }
 * when the thrower had them, as the reader's and the core's errors do), never as a stack.
 */
import type { Text } from "../../src/text";

export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (e: MessageEvent) => void): void;
}

type Msg =
  | { t: "req"; id: number; op: string; args: unknown }
  | { t: "res"; id: number; ok: true; value: unknown }
  | { t: "res"; id: number; ok: false; error: WireError }
  | { t: "ev"; job: number; kind: string; data: unknown };

export interface WireError {
  name: string;
  message: string;
  code?: string;
  text?: Text;
}

export type Handler = (args: any, reply: { transfer: (value: unknown, transfer: Transferable[]) => unknown }) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

const isText = (v: unknown): v is Text => typeof v === "object" && v !== null && typeof (v as Text).zh === "string" && typeof (v as Text).en === "string";

export function toWire(e: unknown): WireError {
  const o = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
  const text = isText(o["text"]) ? (o["text"] as Text) : isText(o["problem"] && (o["problem"] as Record<string, unknown>)["message"]) ? ((o["problem"] as Record<string, unknown>)["message"] as Text) : undefined;
  return { name: String(o["name"] ?? "Error"), message: String(o["message"] ?? e), ...(typeof o["code"] === "string" ? { code: o["code"] as string } : {}), ...(text ? { text } : {}) };
}

export function fromWire(w: WireError): Error {
  const e = new Error(w.message);
  e.name = w.name;
  return Object.assign(e, w.code ? { code: w.code } : {}, w.text ? { text: w.text } : {});
}

class Transfer {
  constructor(
    readonly value: unknown,
    readonly list: Transferable[],
  ) {}
}

export class Channel {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<number, (kind: string, data: unknown) => void>();

  constructor(private readonly port: Port) {
    port.addEventListener("message", (e: MessageEvent) => void this.receive(e.data as Msg));
  }

  on(op: string, h: Handler): void {
    this.handlers.set(op, h);
  }

  request<T>(op: string, args: unknown, transfer: Transferable[] = []): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ t: "req", id, op, args } satisfies Msg, transfer);
    });
  }

  /** Hear the events of job `job` until `forget`. */
  listen(job: number, f: (kind: string, data: unknown) => void): void {
    this.listeners.set(job, f);
  }
  forget(job: number): void {
    this.listeners.delete(job);
  }
  emit(job: number, kind: string, data: unknown, transfer: Transferable[] = []): void {
    this.port.postMessage({ t: "ev", job, kind, data } satisfies Msg, transfer);
  }

  /** Every request still waiting fails with this (the worker died). */
  failAll(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  private async receive(m: Msg): Promise<void> {
    if (m.t === "ev") return this.listeners.get(m.job)?.(m.kind, m.data);
    if (m.t === "res") {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (!w) return;
      if (m.ok) w.resolve(m.value);
      else w.reject(fromWire(m.error));
      return;
    }
    const h = this.handlers.get(m.op);
    try {
      if (!h) throw new Error(`no handler for ${m.op}`);
      const v = await h(m.args, { transfer: (value, list) => new Transfer(value, list) });
      if (v instanceof Transfer) this.port.postMessage({ t: "res", id: m.id, ok: true, value: v.value } satisfies Msg, v.list);
      else this.port.postMessage({ t: "res", id: m.id, ok: true, value: v } satisfies Msg);
    } catch (e) {
      this.port.postMessage({ t: "res", id: m.id, ok: false, error: toWire(e) } satisfies Msg);
    }
  }
}
