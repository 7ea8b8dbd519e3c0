// The error the safe fetch throws when a base URL redirects to another origin, and how to find it
// again after an SDK wrapped it (openai and Anthropic keep it as `cause`; Gemini's SDK keeps only
// its message). No vscode, no undici: adapters inline this.

const SUFFIX = 'Switchboard does not send your key to another host. Check the base URL.';

/** A redirect from `from` to another origin, refused before anything was sent there. */
export class CrossOriginRedirectError extends Error {
  override readonly name = 'CrossOriginRedirectError';
  readonly code = 'cross_origin_redirect';

  constructor(
    readonly from: URL,
    readonly to: URL,
  ) {
    // Hosts (with port) name the places; the scheme only when that is all that differs.
    const same = from.host === to.host;
    super(`${same ? from.origin : from.host} redirected to ${same ? to.origin : to.host}; ${SUFFIX}`);
  }
}

/** The refusal's message when `e` or anything in its cause chain is one, else undefined. */
export function findRedirectRefusal(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const { name, message } = current as { name?: unknown; message?: unknown };
    if (name === 'CrossOriginRedirectError' && typeof message === 'string') return message;
    // Gemini: "[GoogleGenerativeAI Error]: Error fetching from <url>: <our message>".
    if (typeof message === 'string' && message.includes(SUFFIX)) {
      const match = /([^\s:]+ redirected to [^;]+; .*)$/s.exec(message);
      if (match) return match[1]!;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
