/** Sightline's mark: a latency curve crossing a threshold line. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <path d="M6 12.5h20" stroke="#c7d2fe" strokeWidth="1.5" strokeDasharray="2.5 2" strokeLinecap="round" />
      <path d="M6 23c3.5 0 4.5-8 7.5-8s3 5 6 5 3.5-9 6.5-11" fill="none" stroke="#fff" strokeWidth="2.25" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
