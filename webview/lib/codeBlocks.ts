// The toolbar on every rendered code block (language, Copy, Insert at cursor, Replace), and what a
// click on it asks for. The buttons carry no handler: Markdown.svelte handles clicks on the answer.
function button(action: string, icon: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'code-action';
  b.dataset.codeAction = action;
  b.title = label;
  b.setAttribute('aria-label', label);
  const i = document.createElement('span');
  i.className = `codicon codicon-${icon}`;
  i.setAttribute('aria-hidden', 'true');
  b.append(i);
  return b;
}

export function decorateCodeBlock(pre: HTMLPreElement, replaceLabel: string): void {
  const code = pre.querySelector('code');
  const language = /(?:^|\s)language-([^\s]+)/.exec(code?.className ?? '')?.[1] ?? '';
  const block = document.createElement('div');
  block.className = 'code-block';
  const header = document.createElement('div');
  header.className = 'code-header';
  const name = document.createElement('span');
  name.className = 'code-language';
  name.textContent = language || 'text';
  const actions = document.createElement('span');
  actions.className = 'code-actions';
  actions.append(button('copy', 'copy', 'Copy'), button('insert', 'insert', 'Insert at cursor'), button('replace', 'replace', replaceLabel));
  header.append(name, actions);
  pre.replaceWith(block);
  block.append(header, pre);
  pre.tabIndex = 0; // long lines scroll sideways: reachable with the keyboard
}

export type CodeAction = 'copy' | 'insert' | 'replace';

/** The code action a click inside rendered Markdown asks for, if any. */
export function codeActionOf(target: EventTarget | null): { action: CodeAction; code: string; button: HTMLButtonElement } | undefined {
  const b = (target as Element | null)?.closest?.('button[data-code-action]');
  if (!(b instanceof HTMLButtonElement)) return undefined;
  const action = b.dataset.codeAction;
  if (action !== 'copy' && action !== 'insert' && action !== 'replace') return undefined;
  const code = b.closest('.code-block')?.querySelector('pre code, pre')?.textContent ?? '';
  return { action, code, button: b };
}
