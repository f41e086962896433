// Background side of link detection: the runtime-registered detector and the reveal panel.
export function registerDetection(): void {}
