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
    const items: string[] = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = this.part(value[i]);
    return `[${items.join(',')}]`;
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
