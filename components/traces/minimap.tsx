"use client";
// The minimap: every row on screen drawn as a thin line in its service colour (critical path
// darker), with the scroll viewport as a box; clicking or dragging on it scrolls the waterfall
// there. A canvas, not 5,000 DOM nodes.
import { useEffect, useRef, useState, type PointerEvent, type RefObject } from "react";
import type { VisibleRow } from "@/lib/traces/waterfall";
import { serviceColour } from "./palette";

const HEIGHT = 44;

export function Minimap({ rows, scrollRef, totalHeight }: { rows: VisibleRow[]; scrollRef: RefObject<HTMLDivElement | null>; totalHeight: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [view, setView] = useState({ top: 0, height: 1 });

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const width = c.clientWidth || 600;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(HEIGHT * dpr);
    const g = c.getContext("2d");
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, HEIGHT);
    const h = Math.max(0.5, HEIGHT / Math.max(1, rows.length));
    rows.forEach((r, i) => {
      g.globalAlpha = r.onCriticalPath ? 1 : 0.45;
      g.fillStyle = r.error ? "#dc2626" : serviceColour(r.serviceIndex);
      g.fillRect(r.offset * width, (i / rows.length) * HEIGHT, Math.max(1, r.width * width), h);
    });
  }, [rows]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => setView({ top: el.scrollTop / Math.max(1, totalHeight), height: Math.min(1, el.clientHeight / Math.max(1, totalHeight)) });
    update();
    el.addEventListener("scroll", update, { passive: true });
    return () => el.removeEventListener("scroll", update);
  }, [scrollRef, totalHeight]);

  const scrollTo = (e: PointerEvent<HTMLDivElement>) => {
    const el = scrollRef.current;
    if (!el) return;
    const box = e.currentTarget.getBoundingClientRect();
    const f = (e.clientY - box.top) / box.height;
    el.scrollTop = f * totalHeight - el.clientHeight / 2;
  };

  return (
    <div
      className="relative cursor-pointer border-b border-zinc-200 bg-zinc-50"
      style={{ height: HEIGHT }}
      role="img"
      aria-label={`Overview of ${rows.length} rows; the box marks the rows in view`}
      data-testid="minimap"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        scrollTo(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) scrollTo(e);
      }}
    >
      <canvas ref={canvas} className="absolute inset-0 h-full w-full" />
      <div aria-hidden className="pointer-events-none absolute inset-x-0 border-y-2 border-indigo-500 bg-indigo-500/10" style={{ top: `${view.top * 100}%`, height: `max(4px, ${view.height * 100}%)` }} />
    </div>
  );
}
