// Wire format by name. Azure OpenAI and OpenAI-compatible endpoints speak `openai`.

import { anthropicWire } from './anthropic';
import { geminiWire } from './gemini';
import { openaiWire } from './openai';
import type { Wire, WireFormat } from './types';

export const WIRES: Record<Wire, WireFormat> = { openai: openaiWire, anthropic: anthropicWire, gemini: geminiWire };

export type { StreamShape, Wire, WireFinish, WireFormat, WireUsage } from './types';
