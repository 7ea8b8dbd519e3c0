// How often a streaming answer changes on screen. The panel renders it at most this often, and the
// host hands the panel its new text at most this often: sending more often only costs messages and
// their handling. Ten times a second reads as a steady stream and keeps the panel's main thread
// mostly idle (bench: webviewBusyPct100tps).
export const STREAM_UPDATE_MS = 100;
