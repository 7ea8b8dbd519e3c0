// What the Explorer and editor tabs put on a drag: VS Code's own list of resources, or a plain
// uri-list. Only file-like URIs are kept (the host checks each again before reading it).

const TYPES = ['application/vnd.code.uri-list', 'text/uri-list', 'resourceurls'];
const MAX_URIS = 20;

export const droppedUris = {
  accepts(types: readonly string[]): boolean {
    return types.some((t) => TYPES.includes(t.toLowerCase()));
  },

  read(data: Pick<DataTransfer, 'getData'>): string[] {
    const found: string[] = [];
    for (const type of TYPES) {
      const raw = data.getData(type);
      if (!raw) continue;
      const entries = type === 'resourceurls' ? parseJsonList(raw) : raw.split(/\r?\n/);
      for (const entry of entries) {
        const uri = entry.trim();
        if (uri && !uri.startsWith('#') && /^[a-z][\w+.-]*:/i.test(uri) && !found.includes(uri)) found.push(uri);
      }
      if (found.length) break;
    }
    return found.slice(0, MAX_URIS);
  },
};

function parseJsonList(raw: string): string[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
