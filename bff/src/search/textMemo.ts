/**
 * Results of a pure function of a text, kept until `capacity` texts are held and then dropped
 * all at once (texts repeat a lot; an LRU's bookkeeping would cost more than it saves here).
 */
export class TextMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(text: string, compute: (text: string) => V): V {
    let hit = this.map.get(text);
    if (hit === undefined) {
      hit = compute(text);
      if (this.map.size >= this.capacity) this.map.clear();
      this.map.set(text, hit);
    }
    return hit;
  }

  clear(): void {
    this.map.clear();
  }
}
