// Terminal output as a person read it on screen: shell integration hands over the raw stream,
// with colour and cursor escape sequences, VS Code's own OSC 633 marks, CRLF line ends and
// progress bars redrawn with a bare CR. The model gets the text only.

// OSC (ends with BEL or ST), CSI (ESC [ … final byte), two-byte escapes, charset selection.
const ESCAPES = /\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
// Control characters left after that (BEL, backspace, a lone ESC…), but tab and newline.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

export function cleanTerminalOutput(raw: string): string {
  return raw
    .replace(ESCAPES, '')
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\r+$/, '').replace(/^[\s\S]*\r/, '').replace(CONTROLS, '').trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}
