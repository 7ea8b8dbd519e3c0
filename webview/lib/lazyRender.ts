// What a lazily rendered message needs (Markdown.svelte): to know when it comes near the view, and
// how tall its plain text will be until then (so the scrollbar and the scroll position hold).

/** Calls `onNear` once `el` is within ~a screen of the message list's viewport; returns the stop. */
export function whenNear(el: HTMLElement, onNear: () => void): () => void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      onNear();
    },
    { root: el.closest('[data-testid="messages"]'), rootMargin: '1000px 0px' },
  );
  observer.observe(el);
  return () => observer.disconnect();
}

/** About the height `text` takes as plain text: ≈ 1.5 em a line, lines wrapped at ~60 characters. */
export function estimatedHeightPx(text: string): number {
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / 60));
  return Math.round(lines * 19.5);
}
