/**
 * The page's side of the pane's worker: started once, from the add-in's own origin (webpack emits
 * audit-worker.js next to taskpane.html; no blob: URL, nothing fetched from elsewhere). Where a host
 * cannot start it (no Worker, a policy that refuses it, a script that fails to load, no answer in
 * time), `paneWorker()` answers null and the pane does the work on the page in chunks, as before,
 * and says so.
 */
import { Channel, type Port } from "./channel";

export interface PaneWorker {
  ch: Channel;
  /** A fresh job number (events and cancels are addressed by it). */
  job(): number;
}

let started: Promise<PaneWorker | null> | null = null;
let failed = false;
let nextJob = 1;

/** True once the worker could not start (the pane runs on the page). */
export function workerUnavailable(): boolean {
  return failed;
}

export function paneWorker(timeoutMs = 20_000): Promise<PaneWorker | null> {
  if (started) return started;
  started = new Promise<PaneWorker | null>((resolve) => {
    const give = (w: PaneWorker | null) => {
      if (!w) failed = true;
      resolve(w);
    };
    if (typeof Worker === "undefined") return give(null);
    let worker: Worker;
    try {
      worker = new Worker(/* webpackChunkName: "audit-worker" */ new URL("./audit.worker.ts", import.meta.url), { name: "yibao-audit" });
    } catch {
      return give(null);
    }
    const ch = new Channel(worker as unknown as Port);
    const timer = setTimeout(() => give(null), timeoutMs);
    worker.addEventListener("error", (e) => {
      e.preventDefault?.();
      clearTimeout(timer);
      ch.failAll(Object.assign(new Error("the worker stopped"), { name: "WorkerError" }));
      give(null);
    });
    ch.request("ping", null).then(
      () => {
        clearTimeout(timer);
        give({ ch, job: () => nextJob++ });
      },
      () => give(null),
    );
  });
  return started;
}
