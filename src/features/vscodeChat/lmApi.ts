// The part of VS Code's language model provider API (final in 1.104) that Switchboard uses.
// The extension's floor is 1.100 (its @types/vscode has none of this), so the API is declared
// here and looked up at runtime: on a VS Code without it, nothing is registered.
import type * as vscode from 'vscode';

export interface LmChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

export interface LmChatTool {
  name: string;
  description: string;
  inputSchema?: object | undefined;
}

/** LanguageModelChatToolMode: Auto = 1, Required = 2. */
export const TOOL_MODE_REQUIRED = 2;

export interface LmResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly LmChatTool[];
  readonly toolMode: number;
}

/** LanguageModelChatRequestMessage: role 1 = user, 2 = assistant (3 = system, proposed). */
export interface LmRequestMessage {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export interface LmChatProvider<T extends LmChatInformation = LmChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(model: T, messages: readonly LmRequestMessage[], options: LmResponseOptions, progress: vscode.Progress<unknown>, token: vscode.CancellationToken): Thenable<void>;
  provideTokenCount(model: T, text: string | LmRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

/** Constructors of the response parts; `thinking` only where VS Code exposes it. */
export interface LmParts {
  text(value: string): unknown;
  toolCall(callId: string, name: string, input: object): unknown;
  thinking?(value: string): unknown;
  /** Whether `part` is a thinking part (false where VS Code has none). */
  isThinking(part: unknown): boolean;
}

export interface LmApi {
  registerLanguageModelChatProvider(vendor: string, provider: LmChatProvider): vscode.Disposable;
  parts: LmParts;
}

/** The API on this VS Code, or undefined before 1.104 (feature-detected, not version-compared). */
export function languageModelApi(api: typeof vscode): LmApi | undefined {
  const lm = api.lm as unknown as { registerLanguageModelChatProvider?: LmApi['registerLanguageModelChatProvider'] } | undefined;
  const ns = api as unknown as Record<string, unknown>;
  const TextPart = ns.LanguageModelTextPart as (new (value: string) => unknown) | undefined;
  const ToolCallPart = ns.LanguageModelToolCallPart as (new (callId: string, name: string, input: object) => unknown) | undefined;
  const ThinkingPart = ns.LanguageModelThinkingPart as (new (value: string) => unknown) | undefined;
  if (typeof lm?.registerLanguageModelChatProvider !== 'function' || !TextPart || !ToolCallPart) return undefined;
  return {
    registerLanguageModelChatProvider: (vendor, provider) => lm.registerLanguageModelChatProvider!(vendor, provider),
    parts: {
      text: (value) => new TextPart(value),
      toolCall: (callId, name, input) => new ToolCallPart(callId, name, input),
      ...(typeof ThinkingPart === 'function' ? { thinking: (value: string) => new ThinkingPart(value) } : {}),
      isThinking: (part) => typeof ThinkingPart === 'function' && part instanceof ThinkingPart,
    },
  };
}
