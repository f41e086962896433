// A QR code drawn as one SVG path: no canvas, no inline script, no innerHTML (the extension's CSP
// allows neither eval nor inline scripts). Always dark on light with a quiet zone, as scanners need.
import { encode } from 'uqr';

export interface QrCodeProps {
  text: string;
  /** Accessible name of the image. */
  label: string;
  /** Rendered width and height in CSS pixels. */
  size?: number;
}

/** The path of the dark modules of a QR code matrix, one unit square each. */
export function qrPath(modules: boolean[][]): string {
  let d = '';
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return d;
}

export function QrCode({ text, label, size = 192 }: QrCodeProps) {
  const { data, size: modules } = encode(text, { ecc: 'M', border: 2 });
  return (
    <svg class="qr" width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      <path d={qrPath(data)} fill="#000" />
    </svg>
  );
}
