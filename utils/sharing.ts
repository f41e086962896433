// Background side of creating links: context menu on selections, keyboard command, clipboard.
export function registerSharing(): void {}
