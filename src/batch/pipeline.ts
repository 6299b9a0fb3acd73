// Two small concurrency tools for the batch's pipeline: a queue that hands items to whoever waits
// for them, and a counting semaphore.

/** A FIFO of items between async producers and consumers; `take` resolves undefined once closed and empty. */
export class Channel<T> {
  private items: T[] = [];
  private takers: ((item: T | undefined) => void)[] = [];
  private closed = false;

  /** onStarved: called when a taker starts waiting on an empty queue. */
  constructor(private readonly onStarved?: () => void) {}

  /** Items waiting to be taken. */
  get size(): number {
    return this.items.length;
  }

  /** True while some taker is waiting for an item. */
  get starved(): boolean {
    return this.takers.length > 0;
  }

  push(item: T): void {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  take(): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    const p = new Promise<T | undefined>((res) => this.takers.push(res));
    this.onStarved?.();
    return p;
  }

  /** No more items: waiting and later takers get undefined once the queue is empty. */
  close(): void {
    this.closed = true;
    for (const taker of this.takers.splice(0)) taker(undefined);
  }
}

/** A counting semaphore: `take` waits while all `n` slots are held. */
export class Slots {
  private waiting: (() => void)[] = [];

  constructor(private free: number) {}

  take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((res) => this.waiting.push(res));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
