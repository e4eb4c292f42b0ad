import { getOrder, isFinal, type Order } from "./ordersApi";

/** How long one watch lasts before the card says "still processing" and offers to check again. */
export const WATCH_FOR_MS = 2 * 60_000;

/**
 * Watches PENDING orders until they settle: about once a second at first, backing off to 15 s so a
 * stuck order does not hammer the API. A hidden tab is not polled (the watch resumes when it is shown
 * again), and after WATCH_FOR_MS of visible watching it gives up and says so. stop() ends every watch.
 */
export class OrderPolling {
  private readonly watches = new Map<string, { timer: number; delay: number; spent: number }>();
  private stopped = false;
  private readonly onVisibility = () => {
    if (document.visibilityState !== "visible") return;
    for (const [id, w] of this.watches) if (w.timer === 0) this.schedule(id, 0);
  };

  constructor(private readonly changed: (order: Order) => void, private readonly gaveUp: (id: string) => void) {
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  /** Starts watching; `again` restarts a watch that gave up. */
  watch(order: Order, again = false): void {
    if (isFinal(order.status) || this.stopped || (this.watches.has(order.id) && !again)) return;
    this.watches.set(order.id, { timer: 0, delay: 1000, spent: 0 });
    this.schedule(order.id, again ? 0 : 1000);
  }

  stop(): void {
    this.stopped = true;
    document.removeEventListener("visibilitychange", this.onVisibility);
    for (const w of this.watches.values()) clearTimeout(w.timer);
    this.watches.clear();
  }

  private schedule(id: string, delay: number): void {
    const w = this.watches.get(id)!;
    w.timer = window.setTimeout(async () => {
      if (document.visibilityState !== "visible") return void (w.timer = 0); // parked: onVisibility resumes it
      w.timer = -1; // asking now
      w.spent += delay;
      try {
        const order = await getOrder(id);
        if (this.stopped || this.watches.get(id) !== w) return;
        this.changed(order);
        if (isFinal(order.status)) return void this.watches.delete(id);
        w.delay = Math.min(w.delay * 1.5, 15_000);
      } catch {
        if (this.stopped || this.watches.get(id) !== w) return;
        w.delay = Math.min(w.delay * 2, 15_000); // Keep trying, more gently, while the network or API is down.
      }
      if (w.spent >= WATCH_FOR_MS) {
        this.watches.delete(id);
        this.gaveUp(id);
      } else {
        this.schedule(id, w.delay);
      }
    }, delay);
  }
}
