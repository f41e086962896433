// Burnlink's mark: a small flame, drawn inline so no font or image request is needed.
export function Logo({ size = 18 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="logo">
      <path
        fill="currentColor"
        d="M12 2c.5 3.2-1.3 5-2.9 6.8C7.5 10.6 6 12.4 6 15a6 6 0 0 0 12 0c0-2.3-1-4.3-2.3-5.8.1 1.6-.5 2.9-1.7 3.6.3-3.9-.9-7.5-2-10.8Z"
      />
    </svg>
  );
}
