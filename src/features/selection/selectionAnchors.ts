import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { findUnique, fitReplacement, shiftRangeThrough, type TrackedRange } from './rangeTracking';

// The code a question or an edit was about, tracked while its document changes, so that an
// answer's code replaces exactly that range later — from the chat panel, with another editor
// active, after edits above it — or is refused when the code itself changed.
//
// In memory: the range (moved on every change event) and the original text (to find it again
// after changes made while the file was closed). In workspaceState: uri, offsets and a hash, so a
// reload can still verify and replace, but only where the code still sits at the same offsets.

const STATE_KEY = 'switchboard.selectionAnchors';
const MAX_ANCHORS = 30;
/** Longer selections are not kept in memory for re-finding; they must stay where they were. */
const MAX_KEPT_TEXT = 1_000_000;
const PERSIST_DELAY_MS = 1_000;

interface Anchor {
  id: string;
  uri: string;
  /** Undefined once an edit touched the code itself (then only re-finding the text can help). */
  range: TrackedRange | undefined;
  hash: string;
  text: string | undefined;
}

type StoredAnchor = { id: string; uri: string; start: number; end: number; hash: string };

export type ReplaceResult =
  | { ok: true; document: vscode.TextDocument; range: vscode.Range }
  | { ok: false; reason: 'unknown' | 'missing' | 'changed' | 'readonly'; message: string };

export class SelectionAnchors implements vscode.Disposable {
  private readonly anchors = new Map<string, Anchor>();
  /** Anchors whose replacement is being applied: their own edit must not invalidate them. */
  private readonly applying = new Set<string>();
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly state: vscode.Memento) {
    this.subscriptions = [vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e))];
  }

  /** Starts tracking `range` of `document`; returns the anchor's id. */
  create(document: vscode.TextDocument, range: vscode.Range): string {
    const id = `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const text = document.getText(range);
    this.anchors.set(id, {
      id,
      uri: document.uri.toString(),
      range: { start: document.offsetAt(range.start), end: document.offsetAt(range.end) },
      hash: hashOf(text),
      text: text.length <= MAX_KEPT_TEXT ? text : undefined,
    });
    while (this.anchors.size > MAX_ANCHORS) this.anchors.delete(this.anchors.keys().next().value!);
    this.persist();
    return id;
  }

  forget(id: string): void {
    if (this.anchors.delete(id)) this.persist();
  }

  /**
   * Replaces the anchored code with `code` as one undoable edit (the document need not be open
   * or visible) and keeps tracking the new code, so a second Replace swaps it again.
   */
  async replace(id: string, code: string, label: string): Promise<ReplaceResult> {
    const where = await this.resolve(id);
    if (where === 'unknown') return { ok: false, reason: 'unknown', message: `The code you asked about (${label}) is no longer tracked.` };
    if (where === 'missing') return { ok: false, reason: 'missing', message: `${label} can no longer be opened (was the file moved or deleted?).` };
    if (where === 'changed') return { ok: false, reason: 'changed', message: `The code in ${label} changed since you asked, so it was not replaced.` };
    const { anchor, document, found } = where;
    const original = document.getText().slice(found.start, found.end);
    const replacement = fitReplacement(original, code, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
    const start = document.positionAt(found.start);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, document.positionAt(found.end)), replacement);
    this.applying.add(id);
    let applied: boolean;
    try {
      applied = await vscode.workspace.applyEdit(edit);
    } finally {
      this.applying.delete(id);
    }
    if (!applied) return { ok: false, reason: 'readonly', message: `${label} could not be edited (read-only, or changed while applying).` };
    const startOffset = document.offsetAt(start);
    Object.assign(anchor, {
      range: { start: startOffset, end: startOffset + replacement.length },
      hash: hashOf(replacement),
      text: replacement.length <= MAX_KEPT_TEXT ? replacement : undefined,
    });
    this.anchors.set(id, anchor);
    this.persist();
    return { ok: true, document, range: new vscode.Range(start, document.positionAt(startOffset + replacement.length)) };
  }

  /** The anchored code's current position, if it is still there unchanged. */
  async find(id: string): Promise<{ document: vscode.TextDocument; range: vscode.Range } | undefined> {
    const where = await this.resolve(id);
    if (typeof where === 'string') return undefined;
    const { document, found } = where;
    return { document, range: new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)) };
  }

  /** The anchor, its document and where its code is now — or why not. */
  private async resolve(id: string): Promise<{ anchor: Anchor; document: vscode.TextDocument; found: TrackedRange } | 'unknown' | 'missing' | 'changed'> {
    const anchor = this.anchors.get(id) ?? this.restore(id);
    if (!anchor) return 'unknown';
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(vscode.Uri.parse(anchor.uri, true));
    } catch {
      return 'missing';
    }
    const found = locate(anchor, document.getText());
    return found ? { anchor, document, found } : 'changed';
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const uri = e.document.uri.toString();
    let moved = false;
    for (const anchor of this.anchors.values()) {
      if (anchor.uri !== uri || !anchor.range || this.applying.has(anchor.id)) continue;
      const before = anchor.range;
      anchor.range = shiftRangeThrough(
        before,
        e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, insertedLength: c.text.length })),
      );
      moved ||= anchor.range?.start !== before.start || anchor.range?.end !== before.end;
    }
    if (moved) this.persist();
  }

  private restore(id: string): Anchor | undefined {
    const stored = this.stored().find((a) => a.id === id);
    return stored && { id, uri: stored.uri, range: { start: stored.start, end: stored.end }, hash: stored.hash, text: undefined };
  }

  private stored(): StoredAnchor[] {
    const raw = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(raw) ? raw.filter(isStoredAnchor) : [];
  }

  /** Debounced: a change event per keystroke must not mean a state write per keystroke. */
  private persist(): void {
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => this.flush(), PERSIST_DELAY_MS);
  }

  private flush(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    const live = [...this.anchors.values()]
      .filter((a): a is Anchor & { range: TrackedRange } => !!a.range)
      .map((a) => ({ id: a.id, uri: a.uri, start: a.range.start, end: a.range.end, hash: a.hash }));
    const ids = new Set(live.map((a) => a.id));
    const kept = this.stored().filter((a) => !ids.has(a.id) && !this.anchors.has(a.id));
    void this.state.update(STATE_KEY, [...kept, ...live].slice(-MAX_ANCHORS));
  }

  dispose(): void {
    if (this.persistTimer) this.flush();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Where the anchored code is now: at its tracked range if unchanged there, else its one other occurrence. */
function locate(anchor: Anchor, text: string): TrackedRange | undefined {
  const r = anchor.range;
  if (r && r.end <= text.length && hashOf(text.slice(r.start, r.end)) === anchor.hash) return r;
  if (anchor.text === undefined) return undefined;
  const at = findUnique(text, anchor.text);
  return at === undefined ? undefined : { start: at, end: at + anchor.text.length };
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

function isStoredAnchor(v: unknown): v is StoredAnchor {
  const a = v as StoredAnchor;
  return !!a && typeof a.id === 'string' && typeof a.uri === 'string' && Number.isInteger(a.start) && Number.isInteger(a.end) && a.end >= a.start && typeof a.hash === 'string';
}
