// How often a streaming answer changes on screen. The panel renders it at most this often, and the
// host hands the panel its new text at most this often: sending more often only costs messages and
// their handling. Five times a second still reads as a steady stream (a line of text at a time at
// 100 tokens/s, a few words for slower models); every update costs a whole frame of the panel
// (style, layout, paint, commit: ~2 ms however little changed) plus its render. Main thread busy
// while a 10,000-token answer streams at 100 tokens/s (bench: webviewBusyPct100tps, target ≤ 5):
// 5.5–6.5 % at 100 ms, 4.9–5.8 % at 150 ms, ~4.1 % at 200 ms.
export const STREAM_UPDATE_MS = 200;
