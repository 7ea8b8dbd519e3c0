// Gemini's thought signatures must go back with the tool calls they came with, but VS Code's
// tool-call part has no room for them: remembered here by call id, the newest few thousand.
const MAX_ENTRIES = 2000;

export class SignatureMemory {
  private readonly byCallId = new Map<string, string>();

  set(callId: string, signature: string): void {
    this.byCallId.delete(callId);
    this.byCallId.set(callId, signature);
    if (this.byCallId.size > MAX_ENTRIES) this.byCallId.delete(this.byCallId.keys().next().value!);
  }

  get(callId: string): string | undefined {
    return this.byCallId.get(callId);
  }
}
