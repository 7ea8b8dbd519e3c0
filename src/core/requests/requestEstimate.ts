// What a request may cost before it is sent, for its budget reservation: its input (estimated
// from the messages) plus its maximum output, at the model's price.
//
// Fallback: the pipeline may move the request down the fallback chain to another provider and
// model. The reservation is the LARGEST estimate among the models the request may end up on (the
// requested one and every chain entry with a known price), so a fallback never spends more than
// was reserved; the host leaves unpriced entries out of the chain under a hard budget that does not
// allow them (hostRequests.ts). A model of unknown price is `usd: null`.
import { estimateRequestTokens } from '../llm/tokenEstimate';
import type { ModelPrice } from '../llm/types';
import type { ResolvedModel } from '../models/resolvedModel';
import { estimateCost, nanosToUsd, usdToNanos } from '../pricing/cost';
import type { ModelRequest } from './requestService';

/** Reserved for output when neither the request nor the model says how much it may write. */
export const DEFAULT_RESERVED_OUTPUT_TOKENS = 4096;

export interface RequestEstimate {
  inputTokens: number;
  outputTokens: number;
  /** The requested model's price (undefined = unknown). */
  price?: ModelPrice;
  /** The reservation: the largest of the candidates' estimates; null = the requested model's price is unknown. */
  usd: number | null;
}

/** Input + `outputTokens` at `price`, in USD; null when the price is unknown. */
export function estimateUsd(price: ModelPrice | undefined, inputTokens: number, outputTokens: number): number | null {
  const { inputUsd, outputUsd } = estimateCost(price, inputTokens, outputTokens);
  return inputUsd === null || outputUsd === null ? null : nanosToUsd(usdToNanos(inputUsd) + usdToNanos(outputUsd));
}

export function estimateRequest(
  request: ModelRequest,
  resolve: (providerId: string, model: string) => ResolvedModel | undefined,
  chain: readonly { providerId: string; model: string }[] = [],
): RequestEstimate {
  const primary = resolve(request.providerId, request.model);
  const inputTokens = estimateRequestTokens(request.messages, request.tools);
  const outputTokens = request.maxOutputTokens ?? primary?.maxOutputTokens ?? DEFAULT_RESERVED_OUTPUT_TOKENS;
  const own = estimateUsd(primary?.price, inputTokens, outputTokens);
  let usd = own;
  if (own !== null) {
    for (const c of chain) {
      const other = estimateUsd(resolve(c.providerId, c.model)?.price, inputTokens, outputTokens);
      if (other !== null && other > (usd ?? 0)) usd = other;
    }
  }
  return { inputTokens, outputTokens, ...(primary?.price ? { price: primary.price } : {}), usd };
}
