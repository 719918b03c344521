// Service colours: one per service, by its index in the trace's sorted service list, so a service
// keeps its colour across reloads of the same trace. Inline colours (not Tailwind classes): the
// index is only known at run time, and Tailwind keeps only class names it finds in the source.
const COLOURS = ["#6366f1", "#14b8a6", "#f59e0b", "#ec4899", "#0ea5e9", "#8b5cf6", "#84cc16", "#f97316", "#06b6d4", "#d946ef", "#64748b", "#10b981"];

export const serviceColour = (index: number) => (index < 0 ? "#a1a1aa" : COLOURS[index % COLOURS.length]);
