// The local note server that `npm start` runs: the extension's note server on first run, and what
// the server's start-up summary compares its own address with. No imports: content scripts load it.
export const DEFAULT_SERVER = 'http://127.0.0.1:8787';
