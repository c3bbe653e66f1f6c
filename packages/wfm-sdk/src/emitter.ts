type Listener = (...args: never[]) => void;

/** A small typed event emitter: listeners are called in order; one that throws is logged, not propagated. */
export class Emitter<Events extends Record<string, unknown[]>> {
  readonly #listeners = new Map<keyof Events, Set<Listener>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    const stored = listener as unknown as Listener;
    set.add(stored);
    return () => set.delete(stored);
  }

  has(event: keyof Events): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }

  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    for (const l of this.#listeners.get(event) ?? []) {
      try {
        (l as unknown as (...a: Events[K]) => void)(...args);
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }
}
