// Types for packageVsix.mjs.
export function vsixPath(): string;
export function checkVsixContents(): string[];
export function packageVsix(): string;
