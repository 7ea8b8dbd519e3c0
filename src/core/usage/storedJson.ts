// The JSON text of a stored shard, built without re-serializing what did not change: recording a
// request writes the shard whole, and JSON.stringify of 500 records and a year of days cost more
// than everything else on the request path. ShardEncoder hands back the same day objects and
// record tuples for what a record did not touch, and never changes one once made, so each one's
// text is kept by identity. The result is byte for byte JSON.stringify(value) (unit tests compare).

/** Keys of a stored shard whose values are collections of immutable parts, cached one by one. */
const OBJECT_OF_PARTS = 'days';
const ARRAY_OF_PARTS = 'recs';

export class StoredJson {
  private parts = new WeakMap<object, string>();
  /**
   * The last array of parts written, its items' texts joined with commas, and where each item's
   * text ends in that: records leave a shard at the front and arrive at the back, so the next
   * array's text is mostly one slice of this one (no lookup, no join per record).
   */
  private last: { items: readonly unknown[]; text: string; ends: number[] } = { items: [], text: '', ends: [] };

  /** JSON.stringify(value) for a stored shard (any object: unknown keys are stringified whole). */
  text(value: object): string {
    let out = '{';
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      const body = key === OBJECT_OF_PARTS && isPlainObject(v) ? this.objectOfParts(v) : key === ARRAY_OF_PARTS && Array.isArray(v) ? this.arrayOfParts(v) : JSON.stringify(v);
      out += `${first ? '' : ','}${JSON.stringify(key)}:${body}`;
      first = false;
    }
    return `${out}}`;
  }

  private objectOfParts(value: Record<string, unknown>): string {
    const items: string[] = [];
    for (const [key, v] of Object.entries(value)) if (v !== undefined) items.push(`${JSON.stringify(key)}:${this.part(v)}`);
    return `{${items.join(',')}}`;
  }

  private arrayOfParts(value: unknown[]): string {
    const last = this.last;
    const at = value.length > 0 ? last.items.indexOf(value[0]) : -1;
    let shared = 0;
    if (at >= 0) while (shared < value.length && at + shared < last.items.length && value[shared] === last.items[at + shared]) shared++;
    const ends = new Array<number>(value.length);
    let text = '';
    if (shared > 0) {
      const from = at === 0 ? 0 : last.ends[at - 1]! + 1; // past the comma
      text = last.text.slice(from, last.ends[at + shared - 1]);
      for (let i = 0; i < shared; i++) ends[i] = last.ends[at + i]! - from;
    }
    for (let i = shared; i < value.length; i++) {
      text += `${i > 0 ? ',' : ''}${this.part(value[i])}`;
      ends[i] = text.length;
    }
    this.last = { items: value.slice(), text, ends }; // a copy: the caller may change its array later
    return `[${text}]`;
  }

  private part(v: unknown): string {
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    let text = this.parts.get(v);
    if (text === undefined) this.parts.set(v, (text = JSON.stringify(v)));
    return text;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
