// Calendar keys in the user's LOCAL time: "today" is the user's day, not UTC's.
// Day keys are `YYYY-MM-DD`, month keys `YYYY-MM`; both sort as strings.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function dayKey(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function monthKey(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}`;
}

/** The last day dayKeyAt() worked out: its key and its bounds (epoch ms, from its local midnight to the next). */
let lastDay = { key: '', from: 0, to: 0 };

/**
 * dayKey(new Date(ms)), remembering the day it found: every request of a day records on that day,
 * and a local date is worked out through the time zone rules each time it is asked for.
 */
export function dayKeyAt(ms: number): string {
  if (ms >= lastDay.from && ms < lastDay.to) return lastDay.key;
  const date = new Date(ms);
  const key = dayKey(date);
  lastDay = { key, from: new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime(), to: addDays(date, 1).getTime() };
  return key;
}

/** The local calendar day `days` after (or before, when negative) `date`; DST-safe. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** First and last day keys of the local month containing `date`. */
export function monthRange(date: Date): { from: string; to: string } {
  return {
    from: dayKey(new Date(date.getFullYear(), date.getMonth(), 1)),
    to: dayKey(new Date(date.getFullYear(), date.getMonth() + 1, 0)),
  };
}

/** `count` consecutive day keys ending with `last`'s day, oldest first. */
export function lastDays(last: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(dayKey(addDays(last, -i)));
  return out;
}
