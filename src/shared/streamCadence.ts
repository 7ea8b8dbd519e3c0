// How often a streaming answer changes on screen. The panel renders it at most this often, and the
// host hands the panel its new text at most this often: sending more often only costs messages and
// their handling. About seven times a second still reads as a steady stream (a few words at a
// time at 100 tokens/s); every update costs a whole frame of the panel (style, layout, paint,
// commit: ~2 ms however little changed), so at 100 ms the panel's main thread was ~6 % busy and at
// 150 ms ~4.5 % (bench: webviewBusyPct100tps, target ≤ 5).
export const STREAM_UPDATE_MS = 150;
