// A Markdown render tells the message list, in the same task, that its content changed, so the
// list can keep the bottom in view before the frame: the scroll then lands in the frame that
// paints the new text, instead of firing a scroll event that costs a second frame.
import { getContext, setContext } from 'svelte';

const KEY = Symbol('switchboard.rendered');

/** For the message list: `onRendered` runs after every Markdown render inside it. */
export function provideRendered(onRendered: () => void): void {
  setContext(KEY, onRendered);
}

/** For a Markdown view: what to call after it rendered (a no-op outside a message list). */
export function renderedCallback(): () => void {
  return getContext<(() => void) | undefined>(KEY) ?? (() => {});
}
