// A chart legend in plain elements (no chart library), so a page can show it before its chart loads.
export function ChartLegend({ items }: { items: { name: string; color: string; dashed?: boolean }[] }) {
  return (
    <div className="flex flex-wrap justify-end gap-4 text-xs text-zinc-600">
      {items.map((i) => (
        <span key={i.name} className="flex items-center gap-1.5">
          <span aria-hidden className="w-4 border-t-2" style={{ borderColor: i.color, borderStyle: i.dashed ? "dashed" : "solid" }} /> {i.name}
        </span>
      ))}
    </div>
  );
}
