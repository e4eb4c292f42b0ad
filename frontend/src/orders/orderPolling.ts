import { getOrder, isFinal, type Order } from "./ordersApi";

/**
 * Watches PENDING orders until they settle: about once a second at first, backing off to 10 s so a
 * stuck order does not hammer the API. stop() ends every watch (the view is going away).
 */
export class OrderPolling {
  private readonly timers = new Map<string, number>();
  private stopped = false;

  constructor(private readonly changed: (order: Order) => void) {}

  watch(order: Order): void {
    if (isFinal(order.status) || this.timers.has(order.id) || this.stopped) return;
    this.schedule(order.id, 1000);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(id: string, delay: number): void {
    this.timers.set(id, window.setTimeout(async () => {
      let next = Math.min(delay * 1.5, 10_000);
      try {
        const order = await getOrder(id);
        if (this.stopped) return;
        this.changed(order);
        if (isFinal(order.status)) {
          this.timers.delete(id);
          return;
        }
      } catch {
        next = Math.min(delay * 2, 10_000); // Keep trying, more gently, while the network or API is down.
      }
      if (!this.stopped) this.schedule(id, next);
    }, delay));
  }
}
